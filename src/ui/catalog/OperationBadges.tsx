import type { Operation } from '../../core/catalog/types';
import { badgesOf } from './badges';

export function OperationBadges({ op, full = false }: { op: Operation; full?: boolean }) {
  return (
    <span className="badges">
      {badgesOf(op).map((badge) => (
        <span key={badge.text} className={`badge badge-${badge.tone}`} title={badge.words}>
          {full ? badge.words : badge.text}
        </span>
      ))}
    </span>
  );
}
