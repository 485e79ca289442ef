import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api-client';
import { Failure } from './status';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

/**
 * CSV and JSON downloads of the organisation's figures (the same export as in chat), for those who may export, and the
 * organisation's strategy document (Word) when the API offers it.
 */
export function ExportButtons(props: { api: ApiClient; document: boolean }) {
  const styles = useStyles();
  const [failed, setFailed] = useState(false);
  const download = (resource: string, fileName: string, params: Record<string, string> = {}) => {
    setFailed(false);
    props.api.download(resource, fileName, params).catch(() => setFailed(true));
  };
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div>
      <div className={styles.row} role="group" aria-label="Download the figures">
        <Button onClick={() => download('export.csv', 'strategy-summary.csv')}>Download CSV</Button>
        <Button onClick={() => download('export.json', 'strategy-summary.json')}>Download JSON</Button>
        {props.document && (
          <Button onClick={() => download('strategy.docx', 'strategy-document.docx', { timeZone })}>
            Download the strategy document (Word)
          </Button>
        )}
      </div>
      {failed && <Failure failure="failed" />}
    </div>
  );
}
