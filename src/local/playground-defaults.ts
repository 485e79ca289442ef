import { LOCAL_ROLE_USER_ID } from '../domain/local-roles';

/**
 * What the Agents Playground's built-in configuration sends (read off playground 0.2.28). Its ids are not valid GUIDs
 * (the last group has 13 digits); the bot takes them as they come in local mode.
 */
export const PLAYGROUND_DEFAULTS = {
  tenantId: '00000000-0000-0000-0000-0000000000001',
  bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' },
  /** The default user: the one who types in the Playground's page. */
  user: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: LOCAL_ROLE_USER_ID },
  team: { id: 'team-id', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031' },
  /** The General channel's id is the team id, as in Teams; a post's conversation id is `team-id;messageid=<n>`. */
  channels: { General: 'team-id', Announcements: 'channel-announcements-id' },
} as const;
