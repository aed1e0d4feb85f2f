// Room system messages as Rocket.Chat's Message.saveSystemMessage writes them for setting changes,
// joins and leaves: type `t`, the new value (or a username) as `msg`, sent by the caller, not
// groupable. They count in the room's `msgs` like any message, which Rocket.Chat's tests check.
import type { Ctx } from '../framework';
import type { MessageDoc, RoomDoc } from '../types';
import { insertMessage } from './chat';

export function systemMessage(ctx: Ctx, room: RoomDoc, t: string, msg = ''): MessageDoc {
  return insertMessage(ctx, room, { msg, t, groupable: false });
}

/** saveRoomSettings' message for each setting it announces (others, e.g. joinCode, write none). */
export const SETTING_MESSAGE: Record<string, string> = {
  topic: 'room_changed_topic',
  description: 'room_changed_description',
  announcement: 'room_changed_announcement',
};
