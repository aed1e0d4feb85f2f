import type { RemainingSample } from '../../core/rate-limit/model';

/** Remaining calls over the last responses: a tiny chart for the eye, the numbers for everyone. */
export function Sparkline({ samples }: { samples: readonly RemainingSample[] }) {
  const width = 96;
  const height = 20;
  const max = Math.max(1, ...samples.map((s) => s.limit));
  const step = samples.length > 1 ? width / (samples.length - 1) : width;
  const points = samples
    .map((s, i) => `${(i * step).toFixed(1)},${(height - (s.remaining / max) * height).toFixed(1)}`)
    .join(' ');
  const words = `Remaining after each call: ${samples.map((s) => s.remaining).join(', ')}`;
  return (
    <span className="sparkline" title={words}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
        focusable="false"
      >
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className="sr-only">{words}</span>
    </span>
  );
}
