import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Select,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { DashboardPortfolio, DashboardPortfolioGroup, PortfolioEditRequest } from '../../api-types';
import { ApiError, type ApiClient } from '../api-client';

const RENAME_MAX = 80;

/**
 * A leader's edit of one group (rename, status, merge, split, and the build questions for the whole group), with the
 * same checks as the chat's edit card; the server works out the approach the answers give.
 */
export function EditGroup(props: {
  api: ApiClient;
  group: DashboardPortfolioGroup;
  portfolio: DashboardPortfolio;
  onSaved: () => void;
}) {
  const { group, portfolio } = props;
  const [open, setOpen] = useState(false);
  const [edit, setEdit] = useState<PortfolioEditRequest>({});
  const [message, setMessage] = useState<string>();
  const save = async () => {
    setMessage(undefined);
    try {
      await props.api.send('POST', `portfolio/groups/${encodeURIComponent(group.key)}`, edit);
      setOpen(false);
      props.onSaved();
    } catch (error) {
      setMessage(
        error instanceof ApiError && error.failure === 'denied'
          ? "You don't have access to edit the portfolio."
          : ((error as ApiError).detail ?? 'The change could not be saved. Please try again.'),
      );
    }
  };
  return (
    <Dialog open={open} onOpenChange={(_event, data) => (setOpen(data.open), setEdit({}), setMessage(undefined))}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" aria-label={`Edit “${group.label}”`}>
          Edit
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{`Edit “${group.label}”`}</DialogTitle>
          <DialogContent>
            <Field label="New name" hint={`At most ${RENAME_MAX} characters; people's words stay as they are.`}>
              <Input
                maxLength={RENAME_MAX}
                value={edit.rename ?? ''}
                onChange={(_event, data) => setEdit({ ...edit, rename: data.value || undefined })}
              />
            </Field>
            <Field label="Status">
              <Select
                value={edit.status ?? group.status}
                onChange={(_event, data) =>
                  setEdit({ ...edit, status: data.value === group.status ? undefined : data.value })
                }
              >
                {portfolio.options.statuses.map((status) => (
                  <option key={status.id} value={status.id}>
                    {status.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Merge into">
              <Select
                value={edit.merge ?? ''}
                onChange={(_event, data) => setEdit({ ...edit, merge: data.value || undefined })}
              >
                <option value="">Don't merge</option>
                {portfolio.groups
                  .filter((other) => other.key !== group.key)
                  .map((other) => (
                    <option key={other.key} value={other.key}>
                      {other.label}
                    </option>
                  ))}
              </Select>
            </Field>
            {group.wordings.length > 0 && (
              <Field label="Split out a wording">
                <Select
                  value={edit.split ?? ''}
                  onChange={(_event, data) => setEdit({ ...edit, split: data.value || undefined })}
                >
                  <option value="">Don't split</option>
                  {group.wordings.map((wording) => (
                    <option key={wording.key} value={wording.key}>
                      {wording.title}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            <DecideFields
              questions={portfolio.options.decisionQuestions}
              current={edit.decide ?? group.decision?.answers ?? {}}
              decision={group.decision}
              onChange={(decide) => setEdit({ ...edit, decide })}
            />
            {message && <p role="alert">{message}</p>}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>Cancel</Button>
            </DialogTrigger>
            <Button appearance="primary" onClick={() => void save()}>
              Save
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** The pack's build questions for the group as a whole, with leaders' last answers chosen. */
function DecideFields(props: {
  questions: DashboardPortfolio['options']['decisionQuestions'];
  current: Record<string, string>;
  decision: DashboardPortfolioGroup['decision'];
  onChange: (decide: Record<string, string>) => void;
}) {
  if (props.questions.length === 0) return null;
  return (
    <fieldset>
      <legend>How to build it (optional: answer all of them)</legend>
      {props.decision && <p>{`Current decision: ${props.decision.approach.label} — ${props.decision.why}`}</p>}
      {props.questions.map((question) => (
        <Field key={question.id} label={question.label}>
          <Select
            value={props.current[question.id] ?? ''}
            onChange={(_event, data) => props.onChange({ ...props.current, [question.id]: data.value })}
          >
            <option value="">Not answered</option>
            {question.options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
      ))}
    </fieldset>
  );
}
