// Default role -> permission grants of a fresh Rocket.Chat (subset the sandbox's routes check).
import type { UserDoc } from './types';

const GRANTS: Record<string, string[]> = {
  'api-bypass-rate-limit': ['admin', 'bot', 'app'],
  'view-d-room': ['admin', 'user', 'bot', 'app', 'guest'],
  'view-c-room': ['admin', 'user', 'bot', 'app', 'guest', 'anonymous'],
  'view-p-room': ['admin', 'user', 'bot', 'app', 'guest', 'anonymous'],
  'view-joined-room': ['guest', 'bot', 'app', 'anonymous'],
  'view-outside-room': ['admin', 'owner', 'moderator', 'user'],
  'view-room-administration': ['admin'],
  'view-user-administration': ['admin'],
  'view-full-other-user-info': ['admin'],
  'view-other-user-channels': ['admin'],
  'create-c': ['admin', 'user', 'bot', 'app'],
  'create-p': ['admin', 'user', 'bot', 'app'],
  'create-d': ['admin', 'user', 'bot', 'app'],
  'create-user': ['admin'],
  'edit-other-user-info': ['admin'],
  'edit-other-user-password': ['admin'],
  'edit-other-user-active-status': ['admin'],
  'assign-roles': ['admin'],
  'delete-user': ['admin'],
  'edit-room': ['admin', 'owner', 'moderator'],
  'delete-c': ['admin', 'owner'],
  'delete-p': ['admin', 'owner'],
  'edit-message': ['admin', 'owner', 'moderator'],
  'delete-message': ['admin', 'owner', 'moderator'],
  'force-delete-message': ['admin', 'owner'],
  'delete-own-message': ['admin', 'user'],
  'create-personal-access-tokens': ['admin', 'user'],
  'view-privileged-setting': ['admin'],
  'edit-privileged-setting': ['admin'],
  'post-readonly': ['admin', 'owner', 'moderator'],
  'set-readonly': ['admin', 'owner'],
  'mention-all': ['admin', 'owner', 'moderator', 'user'],
  'view-broadcast-member-list': ['admin', 'owner', 'moderator'],
};

export function rolesHavePermission(roles: readonly string[], permission: string): boolean {
  const allowed = GRANTS[permission];
  return !!allowed && roles.some((r) => allowed.includes(r));
}

export function hasPermission(
  user: UserDoc | undefined,
  permission: string,
  roomRoles: readonly string[] = [],
): boolean {
  if (!user) return false;
  return rolesHavePermission(roomRoles.length ? [...user.roles, ...roomRoles] : user.roles, permission);
}

export function hasAllPermissions(user: UserDoc | undefined, permissions: readonly string[]): boolean {
  return permissions.every((p) => hasPermission(user, p));
}

export function hasAnyPermission(user: UserDoc | undefined, permissions: readonly string[]): boolean {
  return permissions.some((p) => hasPermission(user, p));
}

/** Permission documents as `permissions.listAll` returns them; one fixed update time (the seed's). */
export function permissionDocs(updatedAt: Date): Array<{ _id: string; roles: string[]; _updatedAt: Date }> {
  return Object.keys(GRANTS)
    .sort()
    .map((_id) => ({ _id, roles: [...(GRANTS[_id] ?? [])], _updatedAt: updatedAt }));
}
