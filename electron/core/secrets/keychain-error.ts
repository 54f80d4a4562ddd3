import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../../shared/error-message';

/**
 * Turn whatever keytar/libsecret/D-Bus threw into one actionable, typed error. keytar's messages
 * ("Cannot autolaunch D-Bus without X11 $DISPLAY", "Object does not exist at path
 * /org/freedesktop/secrets/collection/login", "Could not connect: No such file or directory") never
 * contain the secret, so quoting them as the cause is safe and helps support.
 */
export function keychainUnavailable(operation: string, cause: unknown): AppError {
  const reason = errorMessage(cause);
  return new AppError(
    'keychain_unavailable',
    `The OS keychain is not available (${operation}: ${reason}). ${fixHint()} Patchbay never stores secrets in a file, ` +
      'so connections that need a secret cannot be used until the keychain works.',
    { operation, reason },
  );
}

function fixHint(): string {
  switch (process.platform) {
    case 'darwin':
      return 'Unlock the login keychain in Keychain Access, then try again.';
    case 'win32':
      return 'Make sure Windows Credential Manager is available for your user, then try again.';
    default:
      return (
        'To fix it: install and unlock gnome-keyring or KWallet (Secret Service on D-Bus) in your desktop session ' +
        '(e.g. `sudo apt install gnome-keyring`, then log out and back in), then try again.'
      );
  }
}
