// Document shapes, following @rocket.chat/core-typings field names (IUser, IRoom, IMessage).

export interface LoginToken {
  hashedToken: string;
  when: Date;
  type?: 'personalAccessToken';
  name?: string;
  createdAt?: Date;
  lastTokenPart?: string;
  bypassTwoFactor?: boolean;
  twoFactorAuthorizedUntil?: Date;
  twoFactorAuthorizedHash?: string;
}

export interface UserDoc {
  _id: string;
  createdAt: Date;
  _updatedAt: Date;
  username: string;
  name: string;
  type: 'user' | 'bot';
  emails?: { address: string; verified: boolean }[];
  status: 'online' | 'away' | 'busy' | 'offline';
  statusText?: string;
  statusConnection: 'online' | 'away' | 'busy' | 'offline';
  active: boolean;
  roles: string[];
  utcOffset: number;
  lastLogin?: Date;
  bio?: string;
  nickname?: string;
  requirePasswordChange?: boolean;
  settings?: { preferences?: Record<string, unknown> };
  services: {
    password?: { sha256: string };
    resume: { loginTokens: LoginToken[] };
    totp?: { enabled: boolean; secret: string };
    email2fa?: { enabled: boolean };
  };
  customFields?: Record<string, unknown>;
  inviteToken?: string;
  [key: string]: unknown;
}

export type RoomType = 'c' | 'p' | 'd';

export interface RoomDoc {
  _id: string;
  t: RoomType;
  name?: string;
  fname?: string;
  u?: { _id: string; username: string };
  ts: Date;
  _updatedAt: Date;
  msgs: number;
  usersCount: number;
  default: boolean;
  ro: boolean;
  sysMes: boolean;
  topic?: string;
  description?: string;
  announcement?: string;
  lm?: Date;
  lastMessage?: MessageDoc;
  usernames?: string[];
  uids?: string[];
  joinCode?: string;
  [key: string]: unknown;
}

export interface MessageDoc {
  _id: string;
  rid: string;
  msg: string;
  ts: Date;
  u: { _id: string; username: string; name?: string };
  _updatedAt: Date;
  urls: { url: string }[];
  mentions: { _id: string; username: string }[];
  channels: { _id: string; name: string }[];
  t?: string;
  alias?: string;
  emoji?: string;
  avatar?: string;
  attachments?: unknown[];
  editedAt?: Date;
  editedBy?: { _id: string; username: string };
  tmid?: string;
  [key: string]: unknown;
}

export interface SubscriptionDoc {
  _id: string;
  rid: string;
  u: { _id: string; username: string };
  t: RoomType;
  name: string;
  fname?: string;
  ts: Date;
  ls?: Date;
  open: boolean;
  alert: boolean;
  unread: number;
  roles?: string[];
  /** rooms.saveDraft: the unsent text of the composer. */
  draft?: string;
  _updatedAt: Date;
}
