import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api-client';
import { Failure } from './status';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

/** CSV and JSON downloads of the organisation's figures (the same export as in chat), for those who may export. */
export function ExportButtons(props: { api: ApiClient }) {
  const styles = useStyles();
  const [failed, setFailed] = useState(false);
  const download = (format: 'csv' | 'json') => {
    setFailed(false);
    props.api.download(`export.${format}`, `strategy-summary.${format}`).catch(() => setFailed(true));
  };
  return (
    <div>
      <div className={styles.row} role="group" aria-label="Download the figures">
        <Button onClick={() => download('csv')}>Download CSV</Button>
        <Button onClick={() => download('json')}>Download JSON</Button>
      </div>
      {failed && <Failure failure="failed" />}
    </div>
  );
}
