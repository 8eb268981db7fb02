// English counts: the entries say "{n} units", and a count of one is said in the singular.
/** "1 units" → "1 unit", for the nouns the entries count. */
const COUNTED = /\b1 (unit|day|page|record|document|attachment|item|hour|minute|report|signature|time|account|section|seal|certificate|administrator)s\b/g;
export const singular = (text: string) => text.replace(COUNTED, '1 $1').replace(/\b1 copies\b/g, '1 copy');
