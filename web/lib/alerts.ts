// Urgent arrivals (特提, 特急, 加急): a short chime and a desktop notification, each as the browser allows it. The chime
// plays through Web Audio, whose context a browser lets run only once the page has had a click or a key press (the
// shell calls `unlockAudio` on the first one); the notification shows only with the person's consent, asked from
// 我的账号 by a button (never on page load). Both are switched off in 我的账号; the in-page notice always shows.

const KEY = 'yizhan.urgentAlerts';

/** Whether the person wants the chime and the desktop notification (on unless switched off). */
export const alertsEnabled = () => typeof localStorage !== 'undefined' && localStorage.getItem(KEY) !== 'off';
export const setAlertsEnabled = (on: boolean) => localStorage.setItem(KEY, on ? 'on' : 'off');

/** The grades that call for attention at once. */
export const URGENT_GRADES = ['FLASH', 'EXTRA_URGENT', 'URGENT'];

let audio: AudioContext | null = null;

/** On a click or key press: makes (or resumes) the audio context then, as browsers require. */
export function unlockAudio() {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

export type ChimeResult = 'played' | 'off' | 'blocked';

/** Two short tones, rising; 'blocked' when the page has had no gesture yet (the browser would refuse the sound). */
export function chime(): ChimeResult {
  if (!alertsEnabled()) return 'off';
  if (audio?.state !== 'running') return 'blocked';
  const start = audio.currentTime;
  for (const [i, hz] of [880, 1175].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.12, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.18 + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + i * 0.18);
    osc.stop(start + i * 0.18 + 0.17);
  }
  return 'played';
}

/** Whether desktop notifications may be shown: the browser has them and the person agreed. */
export const notificationsGranted = () => typeof Notification !== 'undefined' && Notification.permission === 'granted';

/** A desktop notification, when switched on and consented to; true when shown. */
export function notify(title: string, body: string, tag: string): boolean {
  if (!alertsEnabled() || !notificationsGranted()) return false;
  try {
    new Notification(title, { body, tag, lang: 'zh-CN' });
    return true;
  } catch {
    return false;
  }
}
