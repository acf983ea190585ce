import { formatDate } from '../../lib/format.ts';
import { SelectField } from '../../ui/index.ts';
import { addMonths, END_MONTHS, fitTiming, remindChoices, type Timing } from './model.ts';

function inMonths(months: number): string {
  return months === 12 ? 'In 1 year' : months === 24 ? 'In 2 years' : `In ${months} months`;
}

/**
 * "Ends on" and "Remind me" for a "yes": when it stops by itself, and when Steward asks again.
 * A reminder after the end would never come, so only earlier ones are offered.
 */
export function TimingFields({ idPrefix, value, onChange, errors }: { idPrefix: string; value: Timing; onChange: (t: Timing) => void; errors?: { expiresAt?: string; reviewAt?: string } }) {
  const now = new Date();
  const when = (months: number) => `${inMonths(months)} (${formatDate(addMonths(now, months).toISOString())})`;
  return (
    <div className="timing-fields">
      <SelectField
        id={`${idPrefix}-ends`}
        name="expiresAt"
        label="Ends on"
        hint="Your yes stops by itself then."
        value={String(value.endMonths)}
        error={errors?.expiresAt}
        options={END_MONTHS.map((m) => ({ value: String(m), label: m === 0 ? 'Never: until I change it' : when(m) }))}
        onChange={(e) => onChange(fitTiming({ ...value, endMonths: Number(e.target.value) }))}
      />
      <SelectField
        id={`${idPrefix}-remind`}
        name="reviewAt"
        label="Remind me"
        hint="We ask you if it is still OK."
        value={String(value.remindMonths)}
        error={errors?.reviewAt}
        options={remindChoices(value.endMonths).map((m) => ({ value: String(m), label: when(m) }))}
        onChange={(e) => onChange({ ...value, remindMonths: Number(e.target.value) })}
      />
    </div>
  );
}
