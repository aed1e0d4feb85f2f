import type { RemainingSample } from '../../core/rate-limit/model';

/**
 * Calls left after each of the last responses: a small chart with a visible caption (without one
 * it reads as a stray line) and the numbers in its accessible name.
 */
export function Sparkline({ samples }: { samples: readonly RemainingSample[] }) {
  const width = 96;
  const height = 20;
  const max = Math.max(1, ...samples.map((s) => s.limit));
  const step = samples.length > 1 ? width / (samples.length - 1) : width;
  const points = samples
    .map((s, i) => `${(i * step).toFixed(1)},${(height - (s.remaining / max) * height).toFixed(1)}`)
    .join(' ');
  const caption = `calls left over the last ${samples.length} requests`;
  const words = `Calls left over the last ${samples.length} requests: ${samples.map((s) => s.remaining).join(', ')}`;
  return (
    <span className="sparkline" role="img" aria-label={words} title={words}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
        focusable="false"
      >
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className="sparkline-caption" aria-hidden="true">
        {caption}
      </span>
    </span>
  );
}
