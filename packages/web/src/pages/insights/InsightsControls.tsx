import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { type InsightsSettings, type PeriodKind } from '../../lib/insights.ts';
import { timeZoneOptions } from './format.ts';
import { SelectField, TextField } from '../../ui/index.ts';

interface ControlsProps {
  settings: InsightsSettings;
  onChange: (change: Partial<InsightsSettings>) => void;
  /** Currencies the pay is in; a choice appears when there are several. */
  currencies: string[];
  /** The currency shown, and of the costs. */
  currency: string | null;
  costError: string | undefined;
  /** A line under the choices (e.g. "Updating…"). */
  children?: ReactNode;
}

const PERIODS: Array<{ value: PeriodKind; label: string }> = [
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];

/** What the figures are cut by, and the member's own costs. Every choice is remembered. */
export function InsightsControls({ settings, onChange, currencies, currency, costError, children }: ControlsProps) {
  const id = useId();
  const zones = useMemo(() => timeZoneOptions(settings.timeZone).map((z) => ({ value: z, label: z.replaceAll('_', ' ') })), [settings.timeZone]);

  // The costs apply once typing pauses (or on leaving the field), not at every keystroke.
  const [cost, setCost] = useState(settings.costPerKm);
  const committed = useRef(settings.costPerKm);
  const change = useRef(onChange);
  change.current = onChange;
  useEffect(() => {
    if (cost === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = cost;
      change.current({ costPerKm: cost });
    }, 600);
    return () => clearTimeout(timer);
  }, [cost]);
  const commitCost = () => {
    if (cost === committed.current) return;
    committed.current = cost;
    onChange({ costPerKm: cost });
  };

  return (
    <form className="insights-controls card" aria-label="What to show" onSubmit={(e) => { e.preventDefault(); commitCost(); }}>
      <fieldset className="segmented">
        <legend className="field-label">Group by</legend>
        <div className="segmented-options">
          {PERIODS.map((p) => (
            <label key={p.value} className="segmented-option">
              <input type="radio" name={`${id}-period`} value={p.value} checked={settings.period === p.value} onChange={() => onChange({ period: p.value })} />
              <span>{p.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <SelectField
        name="timeZone"
        label="Time zone"
        hint="Weeks, months and days start at midnight here."
        value={settings.timeZone}
        options={zones}
        onChange={(e) => onChange({ timeZone: e.target.value })}
      />
      <TextField
        name="costPerKm"
        className="field-cost"
        label={`Your costs per km${currency ? ` in ${currency}` : ''} (optional)`}
        hint="Fuel, wear, insurance… e.g. 0.12. Taken off your net pay to show what is left."
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        placeholder="0.00"
        value={cost}
        error={costError}
        onChange={(e) => setCost(e.target.value)}
        onBlur={commitCost}
      />
      {currencies.length > 1 ? (
        <SelectField
          name="currency"
          label="Currency"
          hint="Your pay is in more than one currency: figures show one at a time."
          value={currency ?? ''}
          options={currencies.map((c) => ({ value: c, label: c }))}
          onChange={(e) => onChange({ currency: e.target.value })}
        />
      ) : null}
      {children}
    </form>
  );
}
