import type { AliasFact } from '../normalize/types.js';
import { keyAt, loadAliasPoints } from './alias-timeline.js';
import type { IndexDb } from './open.js';

/** An event that names its key only by alias, with the key (or alias) it is filed under now. */
export interface AliasUse {
  seq: number;
  time: number;
  keyRef: string;
}

/** Files an alias-only event under another key: the writer moves its key entity and key_ref. */
export type Retarget = (use: AliasUse, to: string) => void;

/** An alias whose history or uses changed in this transaction: uses from `from` on may resolve otherwise. */
interface Touched {
  from: number;
  /** The alias's earliest point before this transaction (null: none): uses before it follow the first point. */
  earliest: number | null;
}

interface SeenSpan {
  alias: string;
  key: string;
  first: number;
  last: number;
}

export interface AliasMark {
  spans: Array<[string, SeenSpan]>;
  touched: Array<[string, Touched]>;
}

/**
 * Records what events show about aliases, and keeps every alias-only event filed under the
 * key its alias named at the event's time, as far as the logs say so far: whenever an
 * alias's history changes, its alias-only events are resolved again (a CreateAlias read
 * after the events it explains still resolves them). Sightings are gathered in memory and
 * written once per transaction: a busy alias costs one row, not one write per event.
 */
export class AliasLedger {
  private readonly spans = new Map<string, SeenSpan>();
  private readonly touched = new Map<string, Touched>();
  private readonly statements;

  constructor(private readonly db: IndexDb) {
    this.statements = {
      addChange: db.prepare('INSERT OR IGNORE INTO alias_changes (alias, time, seq, change, key) VALUES (?, ?, ?, ?, ?)'),
      addUse: db.prepare('INSERT OR IGNORE INTO alias_uses (alias, time, seq) VALUES (?, ?, ?)'),
      seenSpan: db.prepare('SELECT first, last FROM alias_seen WHERE alias = ? AND key = ?'),
      saveSpan: db.prepare(`INSERT INTO alias_seen (alias, key, first, last) VALUES (?, ?, ?, ?)
        ON CONFLICT (alias, key) DO UPDATE SET first = min(first, excluded.first), last = max(last, excluded.last)`),
      uses: db.prepare(`SELECT u.seq AS seq, u.time AS time, e.key_ref AS keyRef FROM alias_uses u JOIN events e ON e.seq = u.seq
        WHERE u.alias = ? AND u.time >= ?`),
      earliest: db.prepare(`SELECT min(time) FROM (SELECT min(first) AS time FROM alias_seen WHERE alias = ?
        UNION ALL SELECT min(time) FROM alias_changes WHERE alias = ?)`).pluck(),
    };
  }

  record(facts: AliasFact[], time: number, seq: number): void {
    for (const fact of facts) {
      if (fact.change !== 'seen') {
        this.touch(fact.alias, time);
        this.statements.addChange.run(fact.alias, time, seq, fact.change, fact.key ?? '');
        continue;
      }
      const id = `${fact.alias}\u0000${fact.key}`;
      const span = this.spans.get(id);
      if (!span) this.spans.set(id, { alias: fact.alias, key: fact.key!, first: time, last: time });
      else if (time < span.first) span.first = time;
      else if (time > span.last) span.last = time;
    }
  }

  /** An event that names its key only by this alias. */
  use(alias: string, time: number, seq: number): void {
    this.statements.addUse.run(alias, time, seq);
    this.touch(alias, time);
  }

  /** A change or sighting at `time` was taken back (a replaced file): the alias's uses are resolved again at the flush. */
  takenBack(alias: string, time: number): void {
    this.touch(alias, time);
  }

  /** Notes that the alias's resolution may change from `time` on; call before writing what changed. */
  private touch(alias: string, time: number): void {
    const touched = this.touched.get(alias);
    if (touched) touched.from = Math.min(touched.from, time);
    else this.touched.set(alias, { from: time, earliest: this.statements.earliest.get(alias, alias) as number | null });
  }

  /** End of a transaction: sightings written, alias-only events of every changed alias resolved again. */
  flush(retarget: Retarget): void {
    for (const span of this.spans.values()) {
      const known = this.statements.seenSpan.get(span.alias, span.key) as { first: number; last: number } | undefined;
      if (known && known.first <= span.first && known.last >= span.last) continue;
      // A span that grows later changes nothing before its old end; one that grows earlier, from its new start.
      this.touch(span.alias, known && span.first >= known.first ? known.last : span.first);
      this.statements.saveSpan.run(span.alias, span.key, span.first, span.last);
    }
    this.spans.clear();
    for (const [alias, touched] of this.touched) this.resolveUses(alias, touched, retarget);
    this.touched.clear();
  }

  reset(): void {
    this.spans.clear();
    this.touched.clear();
  }

  /** Sightings or changed aliases waiting for the transaction's flush. */
  holdsAny(): boolean {
    return this.spans.size > 0 || this.touched.size > 0;
  }

  /** What is gathered for the transaction so far (copies: later events grow the spans in place). */
  mark(): AliasMark {
    return {
      spans: [...this.spans].map(([id, span]) => [id, { ...span }]),
      touched: [...this.touched].map(([alias, touched]) => [alias, { ...touched }]),
    };
  }

  /** Back to `mark`, after the database rolled back to the savepoint taken with it. */
  restore(mark: AliasMark): void {
    this.spans.clear();
    for (const [id, span] of mark.spans) this.spans.set(id, { ...span });
    this.touched.clear();
    for (const [alias, touched] of mark.touched) this.touched.set(alias, { ...touched });
  }

  /** Only uses at or after the first change can resolve otherwise, unless the change came before all history. */
  private resolveUses(alias: string, touched: Touched, retarget: Retarget): void {
    const from = touched.earliest === null || touched.from <= touched.earliest ? Number.MIN_SAFE_INTEGER : touched.from;
    const uses = this.statements.uses.all(alias, from) as AliasUse[];
    if (uses.length === 0) return;
    const points = loadAliasPoints(this.db, alias);
    for (const use of uses) {
      const key = keyAt(points, use.time) ?? alias;
      if (key !== use.keyRef) retarget(use, key);
    }
  }
}
