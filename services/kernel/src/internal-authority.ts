// Who may make an internal call: the gateway-signed caller context, as every request, or — for the calls whose
// contract names them in `serviceCallers` — a service on its own authority (common's service-call.ts): a job with no
// person behind it. A service token elsewhere is refused: 403 where the call does not name that service, 401 where it
// is not signed by a service this one knows.
import { CALLER_HEADER, type CallerContext, ErrorCode, isServiceCall, loadServiceVerifiers, verifyServiceCall, type YizhanError } from '@yizhan/common';
import type express from 'express';

export async function internalAuthority(opts: {
  /** This service's name, for the refusal's words. */
  service: string;
  /** Per call, the services that may make it on their own authority. */
  serviceCallers: Record<string, readonly string[]>;
  /** The check of a gateway-signed caller context, for every other call. */
  requireSignedCaller: express.RequestHandler;
}): Promise<(call: string) => express.RequestHandler> {
  // The public keys of the services named are read at start: one named without keys here is a deployment error.
  const verifiers = await loadServiceVerifiers([...new Set(Object.values(opts.serviceCallers).flat())]);
  const refuse = (res: express.Response, status: number, code: string, message: string) =>
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  return (call) => async (req, res, next) => {
    const header = req.header(CALLER_HEADER);
    if (!header || !isServiceCall(header)) return opts.requireSignedCaller(req, res, next);
    let service: string;
    try {
      service = await verifyServiceCall(header, verifiers);
    } catch (e) {
      const err = e as YizhanError;
      refuse(res, 401, err.code ?? ErrorCode.UNSIGNED_CALL, err.message);
      return;
    }
    if (!opts.serviceCallers[call]?.includes(service)) {
      refuse(res, 403, ErrorCode.FORBIDDEN, `${service} may not call ${opts.service}/${call} on its own authority`);
      return;
    }
    res.locals.callerContext = { caller: null, service } satisfies CallerContext;
    res.locals.callerHeader = header;
    next();
  };
}
