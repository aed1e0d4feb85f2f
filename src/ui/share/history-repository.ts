/**
 * The history over browser storage, for one tab: the rules of history.ts applied to a Storage,
 * with every problem said in words (and kept by code, so logic never reads the words).
 */
import {
  HISTORY_KEY,
  MAX_STORED_CHARS,
  SET_ASIDE_KEY,
  addEntry,
  countEntries,
  parseHistory,
  serializeHistory,
  withoutOldest,
  type HistoryByServer,
  type HistoryEntry,
  type SetAsideItem,
} from './history';

/** The subset of the Web Storage API used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface HistorySnapshot {
  entries: HistoryByServer;
  /** Things the person should know, in words (set-aside data, a full storage, a newer format). */
  problems: string[];
  /** How many set-aside items are kept under SET_ASIDE_KEY. */
  setAsideCount: number;
  /** False when this tab must not write (newer format, or storage unavailable). */
  persistent: boolean;
}

function readSetAside(storage: StorageLike): SetAsideItem[] {
  try {
    const text = storage.getItem(SET_ASIDE_KEY);
    if (!text) return [];
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? (parsed as SetAsideItem[])
      : [{ reason: 'Set-aside data of unknown shape.', raw: text, at: 0 }];
  } catch {
    return [];
  }
}

/** What a problem is about: code decides (which to replace or drop), the text only says it. */
type HistoryProblemCode =
  | 'no-storage'
  | 'unreadable'
  | 'newer-format'
  | 'set-aside-failed'
  | 'set-aside'
  | 'not-stored'
  | 'trimmed'
  | 'clear-failed'
  | 'discard-failed';

/**
 * The history as one tab sees it: loaded once, written on every change, with every failure to
 * read or write told in words rather than swallowed.
 */
export class HistoryRepository {
  private entries: HistoryByServer = {};
  private problems: Array<{ code: HistoryProblemCode; text: string }> = [];
  private persistent = true;
  private setAsideCount = 0;
  /** The stored text as this tab last read or wrote it; anything else means another tab wrote. */
  private lastSeen: string | null = null;

  constructor(
    private readonly storage: StorageLike | null,
    private readonly now: () => number = Date.now,
  ) {
    this.load();
  }

  private report(code: HistoryProblemCode, text: string): void {
    this.problems = [...this.problems, { code, text }];
  }

  private drop(code: HistoryProblemCode): void {
    this.problems = this.problems.filter((problem) => problem.code !== code);
  }

  snapshot(): HistorySnapshot {
    return {
      entries: this.entries,
      problems: this.problems.map((problem) => problem.text),
      setAsideCount: this.setAsideCount,
      persistent: this.persistent,
    };
  }

  /** (Re)reads storage: on start and when another tab changed it. */
  load(): HistorySnapshot {
    this.problems = [];
    if (!this.storage) {
      this.persistent = false;
      this.report(
        'no-storage',
        'This browser does not let the page store data, so the history lasts until the tab is closed.',
      );
      return this.snapshot();
    }
    let text: string | null;
    try {
      text = this.storage.getItem(HISTORY_KEY);
    } catch {
      this.persistent = false;
      this.report(
        'unreadable',
        'The stored history cannot be read (storage is blocked), so the history lasts until the tab is closed.',
      );
      return this.snapshot();
    }
    this.lastSeen = text;
    const parsed = parseHistory(text, this.now());
    this.entries = parsed.entries;
    this.persistent = parsed.newerFormat === null;
    if (parsed.newerFormat !== null) {
      this.report(
        'newer-format',
        `The stored history was written by a newer version of the explorer (format ${parsed.newerFormat}). It is left as it is; requests made in this tab are kept until the tab is closed.`,
      );
    }
    // A newer format may hold entries this version cannot read; that is not damage, and it stays untouched.
    if (parsed.setAside.length > 0 && parsed.newerFormat === null) {
      const kept = this.keepAside(parsed.setAside);
      if (!kept) {
        // Could not keep the unreadable part: do not overwrite the only copy.
        this.persistent = false;
        this.report(
          'set-aside-failed',
          `${parsed.setAside.length} stored history item(s) failed validation and could not be set aside (storage full), so the stored history is left as it is and this tab keeps its history in memory.`,
        );
      } else {
        this.report(
          'set-aside',
          `${parsed.setAside.length} stored history item(s) failed validation and were set aside, not deleted: ${parsed.setAside[0]?.reason}${parsed.setAside.length > 1 ? ' (and more)' : ''}`,
        );
      }
    }
    this.setAsideCount = readSetAside(this.storage).length;
    if (this.persistent && (parsed.setAside.length > 0 || parsed.migrated > 0)) this.save();
    return this.snapshot();
  }

  private keepAside(items: SetAsideItem[]): boolean {
    if (!this.storage) return false;
    try {
      const all = [...readSetAside(this.storage), ...items];
      this.storage.setItem(SET_ASIDE_KEY, JSON.stringify(all));
      return true;
    } catch {
      return false;
    }
  }

  /** Writes the entries; when storage is full, the oldest requests go first, and the person is told. */
  private save(): void {
    if (!this.storage || !this.persistent) return;
    let entries = this.entries;
    let removed = 0;
    for (;;) {
      const text = serializeHistory(entries);
      if (text.length <= MAX_STORED_CHARS) {
        try {
          this.storage.setItem(HISTORY_KEY, text);
          this.lastSeen = text;
          break;
        } catch {
          // Quota exceeded: fall through and make room.
        }
      }
      const smaller = withoutOldest(entries);
      if (smaller === null) {
        this.report(
          'not-stored',
          'The history could not be stored (browser storage is full); it lasts until the tab is closed.',
        );
        this.entries = entries;
        return;
      }
      entries = smaller;
      removed += 1;
    }
    if (removed > 0) {
      this.drop('trimmed');
      this.report(
        'trimmed',
        `Browser storage is full: the ${removed} oldest request(s) were removed from the history to make room.`,
      );
    }
    this.entries = entries;
  }

  add(entry: HistoryEntry): HistorySnapshot {
    this.syncWithOtherTabs();
    this.entries = addEntry(this.entries, entry);
    this.save();
    return this.snapshot();
  }

  /** Another tab may have written since: start from what is stored, so its requests are not overwritten. */
  private syncWithOtherTabs(): void {
    if (!this.storage || !this.persistent) return;
    try {
      if (this.storage.getItem(HISTORY_KEY) !== this.lastSeen) this.load();
    } catch {
      // Unreadable now: load() will say so next time; keep what this tab has.
    }
  }

  /** Empties one server's history. */
  clear(server: string): HistorySnapshot {
    this.syncWithOtherTabs();
    const next = { ...this.entries };
    delete next[server];
    this.entries = next;
    if (this.storage && this.persistent) {
      try {
        if (countEntries(next) === 0) {
          this.storage.removeItem(HISTORY_KEY);
          this.lastSeen = null;
        } else {
          this.lastSeen = serializeHistory(next);
          this.storage.setItem(HISTORY_KEY, this.lastSeen);
        }
      } catch {
        this.report('clear-failed', 'The cleared history could not be written back to browser storage.');
      }
    }
    return this.snapshot();
  }

  /** The set-aside data as text, for the person to download and inspect. */
  setAsideText(): string {
    return this.storage ? JSON.stringify(readSetAside(this.storage), null, 2) : '[]';
  }

  discardSetAside(): HistorySnapshot {
    try {
      this.storage?.removeItem(SET_ASIDE_KEY);
      this.setAsideCount = 0;
      this.drop('set-aside');
      this.drop('set-aside-failed');
    } catch {
      this.report('discard-failed', 'The set-aside history could not be removed from browser storage.');
    }
    return this.snapshot();
  }
}
