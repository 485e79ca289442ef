import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import type { ApiFailure } from '../api-client';

/** What a view shows while its figures load. */
export function Loading({ what }: { what: string }) {
  return <Spinner role="status" label={`Loading ${what}…`} />;
}

/** A kind message for a failed request: no access, or something to retry. */
export function Failure({ failure, retry }: { failure: ApiFailure; retry?: () => void }) {
  if (failure === 'withheld') {
    return (
      <MessageBar intent="info" role="status">
        <MessageBarBody>
          <MessageBarTitle>Not shown, to protect a few people</MessageBarTitle>
          Beside the organisation's figures, this team's would describe the few people outside it who answered some of
          the same questions. The organisation's view has them.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (failure === 'denied') {
    return (
      <MessageBar intent="warning" role="alert">
        <MessageBarBody>
          <MessageBarTitle>You don't have access to this view</MessageBarTitle>
          If you think you should, ask your organisation's Strategy Guide admin.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>This couldn't be loaded</MessageBarTitle>
        Check your connection and try again.
      </MessageBarBody>
      {retry && (
        <MessageBarActions>
          <Button appearance="primary" onClick={retry}>
            Try again
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
