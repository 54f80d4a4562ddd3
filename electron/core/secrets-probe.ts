import keytar from 'keytar';
import { APP_ID } from './version';

/** Is the OS keychain reachable and unlocked? Reads only the list of our own entries. */
export async function probeKeytar(): Promise<{ ok: boolean; detail: string }> {
  try {
    const entries = await keytar.findCredentials(APP_ID);
    return { ok: true, detail: `reachable (${entries.length} Patchbay entr${entries.length === 1 ? 'y' : 'ies'})` };
  } catch (error) {
    return { ok: false, detail: keychainAdvice((error as Error).message) };
  }
}

export function keychainAdvice(raw: string): string {
  if (/D-Bus|dbus|DISPLAY|Could not connect|org\.freedesktop\.secrets|ServiceUnknown/i.test(raw)) return 'no Secret Service on D-Bus: install and unlock gnome-keyring or KWallet (on a headless machine, see README "Linux without a desktop keyring")';
  if (/does not exist|locked|collection/i.test(raw)) return 'the keychain is locked: unlock your login keyring and try again';
  return `the OS keychain is not usable (${raw.slice(0, 120)})`;
}
