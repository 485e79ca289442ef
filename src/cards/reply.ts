import type { CardAttachment } from './card-renderer';

/** An attachment as the channel takes it (the Bot Framework `Attachment` shape, without botbuilder). */
export interface ReplyAttachment {
  contentType: string;
  name?: string;
  content?: unknown;
  contentUrl?: string;
}

/** A whole message: text, attachments or both. */
export interface ReplyMessage {
  text?: string;
  attachments?: ReplyAttachment[];
}

/** What a feature says back, botbuilder-free: a line of text, an Adaptive Card, or a whole message. */
export type Reply = string | CardAttachment | ReplyMessage;
