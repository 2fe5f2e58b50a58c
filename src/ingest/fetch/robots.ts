/**
 * robots.txt (RFC 9309): the groups for our product token (`tip-atlas`) or, failing that, `*`; the longest
 * matching Allow/Disallow rule wins, Allow on a tie; `*` and a closing `$` in paths. A missing robots.txt (4xx)
 * allows everything; one that cannot be read for another reason (5xx) is treated as "disallow all" (RFC 9309 §2.3.1.4),
 * so the run says so instead of crawling blind. No public copy of the publisher's robots.txt was found
 * (data/SOURCES.md, publisher-years.csv), so nothing here assumes its content.
 */

export interface RobotsRule {
  allow: boolean;
  path: string;
}

export interface Robots {
  rules: RobotsRule[];
  /** Crawl-delay for our group, in milliseconds, if one is given. */
  crawlDelayMs?: number;
  /** Everything disallowed (robots.txt unreachable with a server error). */
  disallowAll?: boolean;
}


export function parseRobots(text: string, token: string): Robots {
  const groups: { agents: string[]; rules: RobotsRule[]; crawlDelay?: number }[] = [];
  let current: (typeof groups)[number] | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      if (value) current.rules.push({ allow: key === 'allow', path: value });
    } else if (key === 'crawl-delay' && /^\d+(\.\d+)?$/.test(value)) current.crawlDelay = Number(value) * 1000;
  }
  const t = token.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && t.startsWith(a)));
  const chosen = mine.length ? mine : groups.filter((g) => g.agents.includes('*'));
  const delay = chosen.find((g) => g.crawlDelay !== undefined)?.crawlDelay;
  return { rules: chosen.flatMap((g) => g.rules), ...(delay !== undefined ? { crawlDelayMs: delay } : {}) };
}

/**
 * Whether a rule's pattern (`*` any run of characters, a final `$` the end of the path) matches the path. Read piece
 * by piece, each `*` taking the earliest place where the next piece fits: a regular expression of `.*`s would
 * backtrack polynomially on a hostile robots.txt (`/a*a*a*a*…b`).
 */
function ruleMatches(rule: string, path: string): boolean {
  const anchored = rule.endsWith('$');
  const pieces = (anchored ? rule.slice(0, -1) : rule).split('*');
  const first = pieces[0]!;
  if (!path.startsWith(first)) return false;
  if (pieces.length === 1) return !anchored || path.length === first.length;
  let at = first.length;
  const last = pieces.length - 1;
  for (let i = 1; i < last; i++) {
    const found = path.indexOf(pieces[i]!, at);
    if (found === -1) return false;
    at = found + pieces[i]!.length;
  }
  const tail = pieces[last]!;
  if (!anchored) return path.indexOf(tail, at) !== -1;
  return path.length - tail.length >= at && path.endsWith(tail);
}

/** Whether robots.txt lets us fetch this path (with its query). */
export function robotsAllows(robots: Robots, pathAndQuery: string): boolean {
  if (robots.disallowAll) return false;
  if (pathAndQuery === '/robots.txt') return true;
  let best: RobotsRule | undefined;
  for (const r of robots.rules) {
    if (!ruleMatches(r.path, pathAndQuery)) continue;
    if (!best || r.path.length > best.path.length || (r.path.length === best.path.length && r.allow)) best = r;
  }
  return best ? best.allow : true;
}
