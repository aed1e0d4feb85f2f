// Settings under the real Rocket.Chat setting IDs. Precedence (lowest first): built-in defaults,
// the JSON file named by SANDBOX_SETTINGS_FILE, environment variables, startSandbox options.
import { readFileSync } from 'node:fs';

export type SettingValue = string | number | boolean;

interface SettingDef {
  value: SettingValue;
  /** Returned by settings.public (the real server's `public: true`). */
  public?: boolean;
}

const DEFS: Record<string, SettingDef> = {
  API_Default_Count: { value: 50 },
  API_Upper_Count_Limit: { value: 100 },
  API_Allow_Infinite_Count: { value: true },
  API_Enable_Rate_Limiter: { value: true },
  API_Enable_Rate_Limiter_Dev: { value: true },
  API_Enable_Rate_Limiter_Limit_Calls_Default: { value: 10 },
  API_Enable_Rate_Limiter_Limit_Time_Default: { value: 60000 },
  Rate_Limiter_Limit_RegisterUser: { value: 1 },
  API_Enable_CORS: { value: false },
  API_CORS_Origin: { value: '*' },
  ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS: { value: false },
  Site_Name: { value: 'Rocket.Chat Sandbox', public: true },
  Site_Url: { value: 'http://127.0.0.1:4100', public: true },
  Language: { value: 'en', public: true },
  Accounts_RegistrationForm: { value: 'Public', public: true },
  // Accounts > Login Attempts (restrictLoginAttempts). Minutes may be fractional, as Rocket.Chat's own
  // tests set them through the settings API (0.05 = 3 s).
  Block_Multiple_Failed_Logins_Enabled: { value: true },
  Block_Multiple_Failed_Logins_By_User: { value: true },
  Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: { value: 10 },
  Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes: { value: 5 },
  Block_Multiple_Failed_Logins_By_Ip: { value: true },
  Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: { value: 50 },
  Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes: { value: 5 },
  Block_Multiple_Failed_Logins_Ip_Whitelist: { value: '' },
  Accounts_AllowUserProfileChange: { value: true, public: true },
  Accounts_AllowRealNameChange: { value: true, public: true },
  Accounts_AllowUsernameChange: { value: true, public: true },
  Accounts_AllowEmailChange: { value: true, public: true },
  Accounts_AllowPasswordChange: { value: true, public: true },
  Accounts_TwoFactorAuthentication_Enabled: { value: true, public: true },
  Accounts_TwoFactorAuthentication_By_Email_Enabled: { value: true, public: true },
  Accounts_TwoFactorAuthentication_Enforce_Password_Fallback: { value: true, public: true },
  API_Enable_Personal_Access_Tokens: { value: true, public: true },
  Message_MaxAllowedSize: { value: 5000, public: true },
  Message_AllowEditing: { value: true, public: true },
  Message_AllowDeleting: { value: true, public: true },
  UI_Use_Real_Name: { value: false, public: true },
  Layout_Home_Title: { value: 'Home', public: true },
  // Registered like on a real server so `POST /api/v1/settings/:_id` (which Rocket.Chat's own test
  // helpers call in their setup) finds them; the ones the routes read change behaviour.
  Message_CustomFields_Enabled: { value: false, public: true },
  Message_CustomFields: { value: '', public: true },
  Message_AllowPinning: { value: true, public: true },
  Message_AllowStarring: { value: true, public: true },
  Message_Read_Receipt_Enabled: { value: false, public: true },
  Message_Read_Receipt_Store_Users: { value: false, public: true },
  Message_AllowEditing_BlockEditInMinutes: { value: 0, public: true },
  Message_AllowDeleting_BlockDeleteInMinutes: { value: 0, public: true },
  Message_KeepHistory: { value: false, public: true },
  Message_ShowEditedStatus: { value: true, public: true },
  Message_AllowUnrecognizedSlashCommand: { value: false, public: true },
  Threads_enabled: { value: true, public: true },
  Discussion_enabled: { value: true, public: true },
  Store_Last_Message: { value: true, public: true },
  Hide_System_Messages: { value: '[]', public: true },
  UI_Allow_room_names_with_special_chars: { value: false, public: true },
  UTF8_Channel_Names_Validation: { value: '[0-9a-zA-Z-_.]+', public: true },
  UTF8_User_Names_Validation: { value: '[0-9a-zA-Z-_.]+', public: true },
  Accounts_AllowAnonymousRead: { value: false, public: true },
  Accounts_AllowDeleteOwnAccount: { value: false, public: true },
  Accounts_AllowUserStatusMessageChange: { value: true, public: true },
  Accounts_AllowInvisibleStatusOption: { value: true, public: true },
  Accounts_ManuallyApproveNewUsers: { value: false, public: true },
  Accounts_RequireNameForSignUp: { value: true, public: true },
  Accounts_EmailVerification: { value: false, public: true },
  Accounts_SetDefaultAvatar: { value: true },
  Accounts_BlockedUsernameList: { value: '' },
  Accounts_BlockedDomainsList: { value: '' },
  Accounts_AllowedDomainsList: { value: '', public: true },
  Accounts_Directory_DefaultView: { value: 'channels', public: true },
  Accounts_SearchFields: { value: 'username, name, bio, nickname' },
  Accounts_Password_Policy_Enabled: { value: false, public: true },
  Accounts_Password_Policy_MinLength: { value: 7, public: true },
  Accounts_Password_Policy_MaxLength: { value: -1, public: true },
  Accounts_Password_Policy_ForbidRepeatingCharacters: { value: true, public: true },
  Accounts_Password_Policy_ForbidRepeatingCharactersCount: { value: 3, public: true },
  Accounts_Password_Policy_AtLeastOneLowercase: { value: true, public: true },
  Accounts_Password_Policy_AtLeastOneUppercase: { value: true, public: true },
  Accounts_Password_Policy_AtLeastOneNumber: { value: true, public: true },
  Accounts_Password_Policy_AtLeastOneSpecialCharacter: { value: true, public: true },
  FileUpload_Enabled: { value: true, public: true },
  FileUpload_MaxFileSize: { value: 104857600, public: true },
  E2E_Enable: { value: false, public: true },
  E2E_Enabled_Default_PrivateRooms: { value: false, public: true },
  Livechat_enabled: { value: false, public: true },
  Presence_broadcast_disabled: { value: false, public: true },
  Apps_Framework_enabled: { value: true },
  API_User_Limit: { value: 500 },
  API_Enable_Direct_Message_History_EndPoint: { value: false },
  // Further settings Rocket.Chat's REST suites toggle in their setup (ids, types, defaults and
  // `public` as Rocket.Chat 8.x registers them). Most only need to exist here.
  API_Enable_Shields: { value: true },
  'API_Apply_permission_view-outside-room_on_users-list': { value: false },
  API_EmbedIgnoredHosts: { value: 'localhost, 127.0.0.1, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16' },
  API_EmbedSafePorts: { value: '80, 443' },
  Accounts_AllowUserAvatarChange: { value: true, public: true },
  Accounts_CustomFields: { value: '', public: true },
  Accounts_PasswordReset: { value: true, public: true },
  Accounts_Registration_Users_Default_Roles: { value: 'user' },
  Message_AllowBadWordsFilter: { value: false, public: true },
  Message_BadWordsFilterList: { value: '', public: true },
  Message_ShowDeletedStatus: { value: false, public: true },
  FileUpload_MediaTypeBlackList: { value: 'image/svg+xml', public: true },
  FileUpload_ProtectFiles: { value: true, public: true },
  FileUpload_Restrict_to_room_members: { value: true },
  E2E_Enable_Encrypt_Files: { value: true, public: true },
  E2E_Allow_Unencrypted_Messages: { value: false, public: true },
  VoIP_Enabled: { value: false, public: true },
  SMTP_Host: { value: '' },
  Log_Level: { value: '0', public: true },
  Log_Trace_Methods: { value: false },
};

/** Setting IDs the sandbox reads; only these are taken from the environment. */
export const SETTING_IDS = Object.keys(DEFS);

export class Settings {
  private readonly values = new Map<string, SettingValue>();

  constructor(overrides: Record<string, unknown> = {}) {
    for (const [id, def] of Object.entries(DEFS)) this.values.set(id, def.value);
    for (const [id, raw] of Object.entries(overrides)) this.set(id, raw);
  }

  /** Coerces env-style strings to the setting's type; unknown IDs are kept as given. */
  set(id: string, raw: unknown): void {
    const def = DEFS[id];
    const current = def?.value;
    if (typeof current === 'number') {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (Number.isFinite(n)) this.values.set(id, n);
      return;
    }
    if (typeof current === 'boolean') {
      if (typeof raw === 'boolean') this.values.set(id, raw);
      else this.values.set(id, /^(true|1|yes|on)$/i.test(String(raw).trim()));
      return;
    }
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean')
      this.values.set(id, raw);
  }

  get(id: string): SettingValue | undefined {
    return this.values.get(id);
  }

  number(id: string): number {
    const v = this.values.get(id);
    return typeof v === 'number' ? v : Number(v);
  }

  bool(id: string): boolean {
    return this.values.get(id) === true;
  }

  string(id: string): string {
    return String(this.values.get(id) ?? '');
  }

  /** A registered setting (the ones `settings/:_id` may read and change). */
  has(id: string): boolean {
    return Object.hasOwn(DEFS, id);
  }

  /** Every registered setting, `public` as the real server flags it, with its packaged default. */
  registered(): { _id: string; value: SettingValue; public: boolean; packageValue: SettingValue }[] {
    return Object.entries(DEFS).map(([id, def]) => ({
      _id: id,
      value: this.values.get(id) as SettingValue,
      public: !!def.public,
      packageValue: def.value,
    }));
  }

  publicSettings(): { _id: string; value: SettingValue }[] {
    return Object.entries(DEFS)
      .filter(([, def]) => def.public)
      .map(([id]) => ({ _id: id, value: this.values.get(id) as SettingValue }));
  }
}

/** Reads SANDBOX_SETTINGS_FILE (if set) and the real setting IDs from an environment object. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const file = env.SANDBOX_SETTINGS_FILE;
  if (file) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(out, parsed);
    else throw new Error(`SANDBOX_SETTINGS_FILE ${file} must contain a JSON object of setting IDs`);
  }
  for (const id of SETTING_IDS) {
    const v = env[id];
    if (v !== undefined && v !== '') out[id] = v;
  }
  return out;
}
