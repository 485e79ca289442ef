import type { Activity, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { BotAdapter } from './adapter';
import type { Request, Response } from 'restify';
import { loggableId, type Logger } from '../logging/logger';
import { admit, tenantOf, type AdmissionPolicy } from './admission';

/** Something that handles one turn; the bot. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

export interface ActivityEndpointDeps {
  adapter: BotAdapter;
  admission: AdmissionPolicy;
  bot: TurnHandler;
  logger: Logger;
}

/**
 * POST /api/messages, step by step: authenticate, admit, run the turn, answer. CloudAdapter.process would do the
 * first and third itself, but it answers a bad signature with 500 and puts the reason in the body; here every
 * rejected request gets a bare 401, and nobody outside the allow-lists reaches the bot or the database.
 */
export async function handleActivityRequest(deps: ActivityEndpointDeps, req: Request, res: Response): Promise<void> {
  const activity = req.body as Activity;
  const authHeader = String(req.headers.authorization ?? '');
  let authenticated: AuthenticateRequestResult;
  try {
    authenticated = await deps.adapter.authentication.authenticateRequest(activity, authHeader);
  } catch (error) {
    deps.logger.warn('http.unauthorized', { activityId: loggableId(activity.id), error: (error as Error).name });
    res.send(401);
    return;
  }
  const admission = admit(activity, deps.admission);
  if (!admission.admitted) {
    deps.logger.warn('activity.dropped', {
      activityId: loggableId(activity.id),
      tenantId: loggableId(admission.tenantId ?? tenantOf(activity, deps.admission.mode)),
      reason: admission.reason,
    });
    res.send(200);
    return;
  }
  const invokeResponse = await deps.adapter.runAuthenticated(authenticated, activity, (context) =>
    deps.bot.run(context),
  );
  if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
  else res.send(invokeResponse?.status ?? 200);
}
