import { useId, useMemo } from 'react';
import { utcDay, type InsightsPlace, type MemberInsights } from '../../lib/insights.ts';
import { Badge, Button, Section, Table, type Column } from '../../ui/index.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { buildWorkplaceChart } from './chartSpecs.ts';
import { formatHourRange, formatHours, formatInteger, formatPlace } from './format.ts';

type LatLng = { lat: number; lng: number };
type Day = MemberInsights['periods'][number]['days'][number];

const same = (a: LatLng, b: LatLng) => a.lat === b.lat && a.lng === b.lng;
const dayName = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

interface Props {
  ins: MemberInsights;
  /** The member's own choice; null: the suggested workplace is used. */
  chosen: LatLng | null;
  onChoose: (place: LatLng | null) => void;
}

/** One place as a button: tap it to make it the workplace (no coordinates to type on a phone). */
function PlaceButton({ place, index, current, onChoose }: { place: InsightsPlace; index: number; current: boolean; onChoose: (p: LatLng) => void }) {
  const days = `${formatInteger(place.daysSeen)} ${place.daysSeen === 1 ? 'day' : 'days'}`;
  return (
    <li>
      <button type="button" className="place-choice" aria-pressed={current} onClick={() => onChoose({ lat: place.lat, lng: place.lng })} data-place={`${place.lat},${place.lng}`}>
        <span className="place-name">
          Place {index + 1}
          {place.likelyHome ? <Badge tone="info">probably home</Badge> : null}
          {place.suggested ? <Badge tone="primary">suggested workplace</Badge> : null}
          {current ? <Badge tone="success">your workplace</Badge> : null}
        </span>
        <span className="place-figures">
          {formatHours(place.seconds)} over {days}
          {place.typicalHours ? `, mostly ${formatHourRange(place.typicalHours)}` : ''}
        </span>
        <span className="place-where small muted">{formatPlace(place)}</span>
      </button>
    </li>
  );
}

/**
 * "Time at your workplace": hours at the workplace per period (a chart) and per day (a table),
 * from the member's location points, and their places to choose the workplace from. Shown when
 * the points give at least one place with time.
 */
export function WorkplaceSection({ ins, chosen, onChoose }: Props) {
  const id = useId();
  const wp = ins.workplace;
  const top = ins.places.top;
  const chart = useMemo(() => (wp && ins.periods.length > 0 ? buildWorkplaceChart(ins, ins.period) : null), [ins, wp]);
  const days = useMemo(() => ins.periods.flatMap((p) => p.days).filter((d) => d.atWorkplaceSeconds > 0).reverse(), [ins]);
  const worked = ins.hoursWorkedFrom === 'workplace';
  const gapHours = ins.places.maxGapSeconds / 3600;
  const columns = useMemo<Column<Day>[]>(
    () => [
      { key: 'day', label: 'Day', rowHeader: true, cell: (d) => dayName.format(utcDay(d.date)) },
      { key: 'hours', label: worked ? 'Hours worked (at your workplace)' : 'At your workplace', numeric: true, cell: (d) => formatHours(d.atWorkplaceSeconds) },
    ],
    [worked],
  );
  const index = wp ? top.findIndex((p) => same(p, wp)) : -1;
  const where = wp ? (index >= 0 ? `Place ${index + 1} (${formatPlace(wp)})` : formatPlace(wp)) : null;

  return (
    <Section
      id="workplace"
      title="Time at your workplace"
      description={
        <>
          From your location points: the time between two points in a row that are both within {formatInteger(wp?.radiusM ?? ins.places.radiusM)} m of your workplace and at most {gapHours}{' '}
          hours apart, cut at midnight.
          {worked ? ' Without shift records, this is your hours worked.' : ''}
        </>
      }
    >
      <div className="stack">
        <p className="workplace-status" role="status" data-workplace={wp ? `${wp.lat},${wp.lng}` : ''}>
          {wp === null
            ? 'No workplace yet: none of your places has time on a weekday during the day. Pick one below.'
            : wp.suggested
              ? `Suggested workplace: ${where}, where you spend the most weekday daytime hours (07:00–19:00, your likely home left out). Not right? Pick yours below.`
              : `Your workplace: ${where}.`}
        </p>
        <div className="stack-sm" role="group" aria-labelledby={`${id}-places`}>
          <h3 id={`${id}-places`}>Your places</h3>
          <p className="small muted">Where your phone stayed, most time first. Only you can see them. Tap the one where you work.</p>
          <ul className="place-list">
            {top.map((p, i) => (
              <PlaceButton key={`${p.lat},${p.lng}`} place={p} index={i} current={wp !== null && same(p, wp)} onChoose={onChoose} />
            ))}
          </ul>
          {chosen ? (
            <div>
              <Button variant="secondary" small onClick={() => onChoose(null)}>
                Use the suggested workplace
              </Button>
            </div>
          ) : null}
        </div>
        {chart ? <ChartPanel spec={chart} /> : null}
        {days.length > 0 ? (
          <div className="stack-sm">
            <h3>Day by day</h3>
            <div className="insights-periods">
              <Table caption="Time at your workplace, day by day" hideCaption columns={columns} rows={days} rowKey={(d) => d.date} />
            </div>
          </div>
        ) : null}
      </div>
    </Section>
  );
}
