import { smsSegments } from '@optout/compliance/sms-segments.util';

/** Live cost of a message as typed: the compliance engine's own counter, so it agrees with the API. */
export function SegmentCounter({ text, id }: { text: string; id: string }) {
  const cost = smsSegments(text);
  const unit = cost.encoding === 'GSM-7' ? 'characters' : 'UTF-16 units';
  return (
    <span className={`counter${cost.segments > 1 ? ' counter-warn' : ''}`} id={id} aria-live="polite">
      {cost.units} {unit} · {cost.segments} SMS segment{cost.segments === 1 ? '' : 's'} · {cost.encoding}
    </span>
  );
}
