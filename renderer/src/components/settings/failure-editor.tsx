// The source's failure simulation: fail the first N attempts of each event, a fraction at random, with a status or
// by holding the answer past the platform's limit, optionally only for some event types — to watch the platform retry.
import type { SourceConfig } from '../../../../shared/domain.js';
import { describeFailureMode } from '../../../../shared/forward-rules.js';
import { Field, numberOrText } from './field.js';
import { PatternsInput } from './patterns-input.js';

type Response = SourceConfig['response'];

export function FailureEditor({ source, at, onChange }: { source: SourceConfig; at: (path: string) => string | null; onChange: (patch: Partial<Response>) => void }) {
  const response = source.response;
  const mode = describeFailureMode(source);
  return (
    <div data-testid="failure-editor">
      <div className="grid-2">
        <Field label="Fail the first N attempts of each event" error={at('response.failFirst')} hint="0 = off">
          <input aria-label="Fail first attempts" inputMode="numeric" value={String(response.failFirst)} onChange={(event) => onChange({ failFirst: numberOrText(event.target.value) as number })} />
        </Field>
        <Field label="Fail this share at random (%)" error={at('response.failRate')} hint="0 = off">
          <input
            aria-label="Fail at random percent"
            inputMode="decimal"
            value={String(Math.round(response.failRate * 1000) / 10)}
            onChange={(event) => {
              const value = numberOrText(event.target.value);
              onChange({ failRate: (typeof value === 'number' ? value / 100 : value) as number });
            }}
          />
        </Field>
        <Field label="Failed attempts get status" error={at('response.failStatus')}>
          <input aria-label="Failure status" inputMode="numeric" value={String(response.failStatus)} onChange={(event) => onChange({ failStatus: numberOrText(event.target.value) as number })} />
        </Field>
        <Field label="Only these event types" error={at('response.failEvents')}>
          <PatternsInput label="Failing event types" value={response.failEvents} onChange={(failEvents) => onChange({ failEvents })} />
        </Field>
        <label className="inline-check" style={{ alignSelf: 'center' }}>
          <input type="checkbox" checked={response.failTimeout} onChange={(event) => onChange({ failTimeout: event.target.checked })} /> Time out instead (answer after the platform's limit)
        </label>
      </div>
      {mode && (
        <div className="notice warn" role="status" data-testid="failure-mode">
          This source {mode}.
        </div>
      )}
    </div>
  );
}
