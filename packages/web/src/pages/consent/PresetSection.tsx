import { CONSENT_PRESETS, isPresetId } from '@steward/core';
import { useState } from 'react';
import { Alert, Badge, Section } from '../../ui/index.ts';
import { DEFAULT_TIMING, limitedToFields, timingDates, type ConsentOptions, type MyConsent, type Timing } from './model.ts';
import { TimingFields } from './TimingFields.tsx';
import type { DecisionFlow } from './useDecision.ts';

/** Whether the member's cells are exactly what a preset gives, on every dataset and every field. */
function isCurrent(presetId: string, mine: MyConsent): boolean {
  if (!isPresetId(presetId) || mine.history.length === 0) return false;
  const p = CONSENT_PRESETS[presetId];
  return mine.cells.every((c) => c.allowed === (p.purposes.includes(c.purpose) && p.recipients.includes(c.category)) && !limitedToFields(c));
}

/**
 * The one-tap choices: each a big card; tapping one shows its notice, and Confirm records it for
 * all the member's data. "Ends on" and "Remind me" apply to the consent a card gives.
 */
export function PresetSection({ options, mine, flow }: { options: ConsentOptions; mine: MyConsent; flow: DecisionFlow }) {
  const [timing, setTiming] = useState<Timing>(DEFAULT_TIMING);
  const problem = flow.problem?.source === 'preset' ? flow.problem : null;

  function choose(p: ConsentOptions['presets'][number]) {
    const dates = timingDates(timing, new Date());
    // "Nothing" gives no consent: an end or a reminder would mean nothing, and the API refuses them.
    const decision = p.id === 'nothing' ? { preset: p.id } : { preset: p.id, expiresAt: dates.expiresAt, reviewAt: dates.reviewAt };
    void flow.review('preset', decision, [`${p.label}: ${p.explanation}`, 'It applies to all your data here and replaces what you decided before.']);
  }

  return (
    <Section id="presets" title="Choose quickly" description="One tap sets who may use all your data. You see exactly what it means before anything changes.">
      <TimingFields idPrefix="preset" value={timing} onChange={setTiming} errors={problem?.fields} />
      {problem ? (
        <Alert key={problem.id} tone="error" title={problem.message} focus>
          {problem.fields.other ? <p>{problem.fields.other}</p> : null}
        </Alert>
      ) : null}
      <ul className="preset-grid">
        {options.presets.map((p) => {
          const current = isCurrent(p.id, mine);
          return (
            <li key={p.id}>
              <button
                type="button"
                className="preset-card"
                aria-labelledby={`preset-${p.id}-label`}
                aria-describedby={current ? `preset-${p.id}-explanation preset-${p.id}-current` : `preset-${p.id}-explanation`}
                aria-disabled={flow.busy === 'preset' || undefined}
                onClick={() => flow.busy === null && choose(p)}
              >
                <span className="preset-label" id={`preset-${p.id}-label`}>
                  {p.label}
                </span>
                <span className="preset-explanation" id={`preset-${p.id}-explanation`}>
                  {p.explanation}
                </span>
                {current ? (
                  <span id={`preset-${p.id}-current`}>
                    <Badge tone="success">Your choice now</Badge>
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
