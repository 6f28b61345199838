// Keeps tokens and SAS signatures out of error messages: the exact tokens this
// process handed out (see trackingCredential.ts), whatever their shape, then
// everything core/secrets/redact.ts recognises as a secret.
import { redactSecrets } from '../core/secrets/redact';

export function maskSecrets(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const secret of known) {
    if (secret.length >= 8) out = out.split(secret).join('***');
  }
  return redactSecrets(out);
}
