import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { turnUnitOf } from './turn-state';

/** Keeps the dialog stack in the turn's session document, which is stored in Cosmos when the turn ends. */
export const sessionDialogState: StatePropertyAccessor<DialogState> = {
  async get(context: TurnContext, defaultValue?: DialogState): Promise<DialogState> {
    const doc = turnUnitOf(context).session.doc;
    if (!Array.isArray((doc.dialogState as Partial<DialogState>).dialogStack)) {
      doc.dialogState = { ...(defaultValue ?? { dialogStack: [] }) } as unknown as Record<string, unknown>;
    }
    return doc.dialogState as unknown as DialogState;
  },
  async set(context: TurnContext, value: DialogState): Promise<void> {
    turnUnitOf(context).session.doc.dialogState = value as unknown as Record<string, unknown>;
  },
  async delete(context: TurnContext): Promise<void> {
    turnUnitOf(context).session.doc.dialogState = {};
  },
};
