// Which new deliveries a source auto-forwards, and where: its forward URL with event patterns and "only valid", and
// more targets, each with its own rules and secret (shared/forward-rules.ts applies them).
import type { SourceConfig } from '../../../../shared/domain.js';
import { Field } from './field.js';
import { PatternsInput } from './patterns-input.js';

type Forward = SourceConfig['forward'];
type Target = Forward['targets'][number];

interface ForwardRulesProps {
  forward: Forward;
  at: (path: string) => string | null;
  onChange: (patch: Partial<Forward>) => void;
}

export function ForwardRulesEditor({ forward, at, onChange }: ForwardRulesProps) {
  const setTarget = (index: number, patch: Partial<Target>) =>
    onChange({ targets: forward.targets.map((target, i) => (i === index ? { ...target, ...patch } : target)) });
  return (
    <div data-testid="forward-rules">
      <div className="grid-2">
        <Field label="Only these event types" error={at('forward.events')} hint="patterns; * matches any run of characters">
          <PatternsInput label="Forward event types" value={forward.events} onChange={(events) => onChange({ events })} />
        </Field>
        <label className="inline-check" style={{ alignSelf: 'center' }}>
          <input type="checkbox" checked={forward.onlyValid} onChange={(event) => onChange({ onlyValid: event.target.checked })} /> Only deliveries with a valid signature
        </label>
      </div>
      {forward.targets.map((target, index) => (
        <div className="card" key={index} style={{ marginTop: 8 }} data-testid="forward-target">
          <div className="grid-2">
            <Field label={`More target ${index + 1}: URL`} error={at(`forward.targets[${index}].url`)}>
              <input aria-label={`Target ${index + 1} URL`} value={target.url} onChange={(event) => setTarget(index, { url: event.target.value })} />
            </Field>
            <Field label="Only these event types" error={at(`forward.targets[${index}].events`)}>
              <PatternsInput label={`Target ${index + 1} event types`} value={target.events} onChange={(events) => setTarget(index, { events })} />
            </Field>
            <Field label="Re-sign with (empty: as the source)" error={at(`forward.targets[${index}].secret`)}>
              <input
                aria-label={`Target ${index + 1} secret`}
                type="password"
                autoComplete="off"
                value={target.secret ?? ''}
                onChange={(event) => setTarget(index, { secret: event.target.value === '' ? null : event.target.value })}
              />
            </Field>
            <label className="inline-check" style={{ alignSelf: 'center' }}>
              <input type="checkbox" checked={target.onlyValid} onChange={(event) => setTarget(index, { onlyValid: event.target.checked })} /> Only valid
            </label>
          </div>
          <button type="button" className="btn small danger" onClick={() => onChange({ targets: forward.targets.filter((_, i) => i !== index) })}>
            Remove target {index + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn small"
        style={{ marginTop: 8 }}
        onClick={() => onChange({ targets: [...forward.targets, { url: '', events: null, onlyValid: false, secret: null }] })}
      >
        Add another target
      </button>
    </div>
  );
}
