// 拟稿's routing check: how many recipients the rules let the draft reach, and each refused unit with its rule and the
// reason in the reader's words.
import type { EvaluateRoutingQuery } from '../generated/operations';
import type { T } from '../lib/i18n';
import { DIRECTION } from './ui';

type RoutingDecision = EvaluateRoutingQuery['evaluateRouting']['decisions'][number];

/** Why a unit is refused (or allowed), in the reader's words: from the decision's kind, its rule, direction and 文种. */
function routingReason(t: T, d: RoutingDecision, docType: string): string {
  const rule = d.ruleName ?? '';
  switch (d.why) {
    case 'ALLOWED':
      return t('按规则“{rule}”可以发送', { rule });
    case 'DENIED':
      return t('规则“{rule}”不允许发送', { rule });
    case 'NO_RULE':
      return t('没有规则允许向该单位{direction}发送“{docType}”', { direction: t(DIRECTION[d.direction] ?? d.direction), docType });
    case 'TO_ITSELF':
      return t('不能向本单位发文');
    case 'CLOSED':
      return t('该单位已撤销或合并，不再收文');
    case 'AS_REPLY':
      return t('作为答复送达来文单位');
    case 'REPLY_DENIED':
      return t('规则“{rule}”不允许答复发送', { rule });
    case 'TO_PEER':
      return t('对端平台代收单位，经交换送达');
    case 'PEER_REFUSED':
      return t('对端平台代收单位，只接收其所在办公室的发文');
  }
}

export function RoutingResult({ t, check, docType }: { t: T; check: EvaluateRoutingQuery['evaluateRouting']; docType: string }) {
  const refused = check.decisions.filter((d) => !d.allowed);
  return (
    <div data-testid="routing-check" role="status">
      {check.allowedCount + check.refusedCount === 0 ? (
        // A selection with nobody in it (所有县级单位 below an office): said, not counted as nothing refused.
        <p className="error">{t('所选范围内没有单位，请重新选择收文单位')}</p>
      ) : (
        <p className={check.refusedCount ? 'error' : 'notice'}>{t('可发送 {a} 个单位，拒绝 {r} 个', { a: check.allowedCount, r: check.refusedCount })}</p>
      )}
      {refused.length > 0 && (
        <table>
          <tbody>
            {refused.map((d) => (
              <tr key={d.org.id} className="refused">
                <td>{d.org.name}</td>
                <td>
                  {d.ruleName ?? t('无允许规则')}
                  <div className="muted">{routingReason(t, d, docType)}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
