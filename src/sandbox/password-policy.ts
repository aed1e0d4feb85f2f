// Rocket.Chat's password policy (Accounts_Password_Policy_*) as its validator applies it when a user
// sets a new password: every broken rule is listed in the error's details.
import { MeteorError } from './errors';
import type { Settings } from './settings';

const RULES: {
  id: string;
  message: string;
  broken: (pw: string, s: Settings) => boolean;
}[] = [
  {
    id: 'minLength',
    message: 'The password does not meet the minimum length password policy.',
    broken: (pw, s) => {
      const min = s.number('Accounts_Password_Policy_MinLength');
      return min >= 1 && pw.length < min;
    },
  },
  {
    id: 'maxLength',
    message: 'The password does not meet the maximum length password policy.',
    broken: (pw, s) => {
      const max = s.number('Accounts_Password_Policy_MaxLength');
      return max > 0 && pw.length > max;
    },
  },
  {
    id: 'repeatingCharacters',
    message: 'The password contains repeating characters which is against the password policy.',
    broken: (pw, s) => {
      if (!s.bool('Accounts_Password_Policy_ForbidRepeatingCharacters')) return false;
      const count = Math.max(1, s.number('Accounts_Password_Policy_ForbidRepeatingCharactersCount'));
      return new RegExp(`(.)\\1{${count},}`).test(pw);
    },
  },
  {
    id: 'oneLowercase',
    message:
      'The password does not contain at least one lowercase character which is against the password policy.',
    broken: (pw, s) => s.bool('Accounts_Password_Policy_AtLeastOneLowercase') && !/[a-z]/.test(pw),
  },
  {
    id: 'oneUppercase',
    message:
      'The password does not contain at least one uppercase character which is against the password policy.',
    broken: (pw, s) => s.bool('Accounts_Password_Policy_AtLeastOneUppercase') && !/[A-Z]/.test(pw),
  },
  {
    id: 'oneNumber',
    message:
      'The password does not contain at least one numerical character which is against the password policy.',
    broken: (pw, s) => s.bool('Accounts_Password_Policy_AtLeastOneNumber') && !/[0-9]/.test(pw),
  },
  {
    id: 'oneSpecial',
    message:
      'The password does not contain at least one special character which is against the password policy.',
    broken: (pw, s) =>
      s.bool('Accounts_Password_Policy_AtLeastOneSpecialCharacter') && !/[^A-Za-z0-9 ]/.test(pw),
  },
];

/** Throws error-password-policy-not-met (details: each broken rule) when the policy is on. */
export function assertPasswordPolicy(settings: Settings, password: string): void {
  if (!settings.bool('Accounts_Password_Policy_Enabled')) return;
  const details = RULES.filter((r) => r.broken(password, settings)).map((r) => ({
    error: `error-password-policy-not-met-${r.id}`,
    message: r.message,
  }));
  if (details.length > 0)
    throw new MeteorError(
      'error-password-policy-not-met',
      "The password provided does not meet the server's password policy.",
      details,
    );
}
