// An announcement in the reader's language. A person's own is shown as written, in whatever language they wrote it;
// one the platform wrote (an office's outage notice on escalation, the platform's own after two hours, the
// restoration notice that ends either) is kept with its words too (org's domain/emergency.ts `AnnouncementWords`),
// and said here in English from them.
import { fmtTime } from './format.ts';

/** An announcement as the banner reads it (operations/emergency.graphql, `AnnouncementFields`). */
export interface KeptAnnouncement {
  title: string;
  body: string;
  publishedByName: string;
  words?: { made: string; unit: string; plan?: string | null; reportedAt?: string | null; office?: string | null } | null;
}

/** The platform's own name as publisher, in English. */
const PLATFORM = 'Yizhan platform (automatic)';

/** Title, body and publisher as the reader's language says them. */
export function announcementLines(a: KeptAnnouncement, lang: 'zh' | 'en'): { title: string; body: string; publishedBy: string } {
  const w = a.words;
  const kept = { title: a.title, body: a.body, publishedBy: a.publishedByName };
  if (lang === 'zh' || !w) return kept;
  const paper =
    'Until it is restored, pass documents, information and materials on paper; you will be told when it is restored, and documents received or sent on paper are to be recorded afterwards (Paper records).';
  switch (w.made) {
    case 'ESCALATED':
      return {
        title: `Electronic document exchange down at ${w.unit}: pass documents on paper`,
        body: `The system fault could not be cleared within 2 hours. ${paper} The plan: ${w.plan ?? ''}`,
        publishedBy: a.publishedByName,
      };
    case 'OVERDUE_FAULT':
      return {
        title: `Electronic document exchange down at ${w.unit}: pass documents on paper`,
        body: `The fault in electronic document exchange that ${w.unit} reported at ${fmtTime(w.reportedAt)} (Beijing time) has not been cleared for more than 2 hours. ${paper} The e-government office of ${w.office ?? ''} will announce how it is handled.`,
        publishedBy: PLATFORM,
      };
    case 'RESTORED':
      return {
        title: `Electronic document exchange restored at ${w.unit}`,
        body: 'Electronic document exchange works normally again: pass documents, information and materials electronically once more. Record the documents received or sent on paper during the outage under Paper records, so that the intake register and the statistics are complete.',
        publishedBy: PLATFORM,
      };
    default:
      return kept;
  }
}
