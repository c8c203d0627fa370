#!/usr/bin/env python3
"""Generate a large, deterministic batch plan for benchmarking Baton.

usage:
  generate_plan.py --batches 2000 [-o FILE]                      # ~2 MB, dialects mixed
  generate_plan.py --batches 10000 --deps 30000 --dialect heading [-o FILE]

Options:
  --batches N        number of batches (default 2000)
  --deps E           exact number of dependency edges (default: 0-3 per batch, random)
  --dialect D        mixed (default), heading, table, workstreams, german, rendered
  --batch-bytes B    rough target size of one batch in bytes (default 1000); the
                     deliverable prose is padded to reach it
  --seed S           random seed (default 42); same arguments give the same bytes
  --expected FILE    also write the expected extraction in the format of
                     ../shared/seeds/expected/*.json, for ../shared/tools/score-extraction
  -o FILE            write the plan to FILE instead of stdout

Every dependency points at an earlier batch, so the graph is acyclic. The number of
batches and edges is printed to stderr, so that `baton show` can be checked against it.
Python 3 standard library only.
"""
import argparse
import json
import random
import sys

DIALECTS = ["heading", "table", "workstreams", "german", "rendered"]

# Id prefix per dialect; ids are unique in the whole plan (prefix + running number).
PREFIX = {"heading": "B", "table": "T", "workstreams": "W", "german": "G", "rendered": "N", "frontmatter": "phase-"}

AREAS = ["catalog", "ingest", "sync", "thumbs", "search", "export", "radio", "sensors", "power",
         "alerts", "storage", "billing", "auth", "maps", "charts", "ota", "scheduler", "reports",
         "importer", "metadata", "editor", "sharing", "quota", "telemetry", "gateway"]
NOUNS = ["index", "queue", "cache", "schema", "parser", "pipeline", "driver", "encoder", "store",
         "worker", "validator", "migration", "API", "dashboard", "backfill", "protocol", "registry",
         "harness", "fixture set", "rollup", "watchdog", "budget", "manifest", "ledger"]
VERBS = ["Harden", "Introduce", "Split", "Rewrite", "Stabilise", "Document", "Benchmark", "Port",
         "Unify", "Retire", "Add", "Extend", "Instrument", "Close gaps in", "Clean up", "Verify"]
WORDS = ("the a station photo frame sample album tag edit device batch agent reviewer fixture "
         "schema queue index retry timeout budget owner release nightly legacy fallback contract "
         "parity regression latency throughput migration rollback snapshot checksum replay window "
         "shard writer reader cursor offset window bucket manifest payload header counter "
         "must should keeps without before after while across every each only never still "
         "stable bounded explicit documented measured reproducible idempotent incremental").split()
PEOPLE = ["the field technician", "the release manager", "the network coordinator", "design review",
          "the security team", "a second maintainer"]
GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember"]

# status category -> words, per dialect
STATUS_WORDS = {
    "heading": {"done": "done", "active": "in progress", "review": "in review", "todo": "todo", "blocked": "blocked"},
    "table": {"done": "✅ Complete", "review": "🟢 Hydrated", "todo": "⏳ Queued", "blocked": "🚧 Blocked"},
    "german": {"done": None, "active": "in Arbeit", "todo": "offen", "blocked": "blockiert"},
    "rendered": {"done": "verified", "active": "in progress", "review": "implemented, awaiting gate", "todo": "not started", "blocked": "blocked"},
    "frontmatter": {"done": "completed", "active": "in_progress", "todo": "pending"},
}
# categories a dialect cannot say are folded into the nearest one it can
# (the status table has no "in progress"; a Hydrated batch is in review)
EXPRESSIBLE = {
    "table": {"active": "review"},
    "german": {"review": "active"},
    "frontmatter": {"review": "active", "blocked": "todo"},
}
LEGEND = "*Statuses*: ✅ = Complete, ⏳ = Queued, 🟢 = Hydrated, 🚧 = Blocked"


class Batch:
    __slots__ = ("index", "dialect", "id", "title", "category", "deps", "owns", "gate", "acceptance", "text", "phases")


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def prose(rng, target):
    out = []
    size = 0
    while size < target:
        s = sentence(rng, rng.randint(8, 16))
        out.append(s)
        size += len(s) + 1
    return " ".join(out)


def choose_category(rng, fraction):
    # earlier batches are mostly finished, later ones mostly not started
    r = rng.random()
    if fraction < 0.35:
        table = [("done", 0.85), ("review", 0.05), ("active", 0.05), ("blocked", 0.02), ("todo", 0.03)]
    elif fraction < 0.6:
        table = [("done", 0.3), ("review", 0.15), ("active", 0.25), ("blocked", 0.05), ("todo", 0.25)]
    else:
        table = [("done", 0.03), ("review", 0.02), ("active", 0.1), ("blocked", 0.05), ("todo", 0.8)]
    acc = 0.0
    for name, p in table:
        acc += p
        if r < acc:
            return name
    return "todo"


def dependency_counts(rng, n, edges):
    """How many dependencies each batch gets: exactly `edges` in total when given."""
    if edges is None:
        return [min(i, rng.choice([0, 1, 1, 2, 2, 3])) for i in range(n)]
    max_possible = n * (n - 1) // 2
    if edges > max_possible:
        sys.exit(f"generate_plan: {edges} edges do not fit in {n} batches (at most {max_possible})")
    counts = [min(i, (i + 1) * edges // n - i * edges // n) for i in range(n)]
    missing = edges - sum(counts)
    i = n - 1
    while missing > 0:  # early batches cannot hold their share; give it to later ones
        if counts[i] < i:
            counts[i] += 1
            missing -= 1
        i = i - 1 if i > 1 else n - 1
    return counts


def pick_deps(rng, i, k):
    chosen = set()
    while len(chosen) < k:
        if rng.random() < 0.7:
            j = i - 1 - min(int(rng.expovariate(1 / 6)), i - 1)  # mostly recent batches
        else:
            j = rng.randrange(i)  # some long edges
        chosen.add(j)
    return sorted(chosen)


def gate_for(rng, area, module, idx):
    r = rng.random()
    if r < 0.6:
        return "command", rng.choice([f"make test-{area}-{idx}", f"swift test --filter {module.capitalize()}{idx}Tests",
                                      f"cargo test -p {area} {module}_{idx}", f"npm test --workspace {area} -- {module}"])
    if r < 0.9:
        return "test-file", f"tests/{area}/test_{module.replace(' ', '_')}_{idx}.py"
    return "manual", f"manual check by {rng.choice(PEOPLE)}"


def make_batches(args, rng, dialect_of):
    n = args.batches
    counts = dependency_counts(rng, n, args.deps)
    batches = []
    for i in range(n):
        b = Batch()
        b.index = i
        b.dialect = dialect_of[i]
        b.id = f"{PREFIX[b.dialect]}{i + 1}"
        area = rng.choice(AREAS)
        module = rng.choice(NOUNS).lower()
        b.title = f"{rng.choice(VERBS)} {area} {module}"
        category = choose_category(rng, i / max(n, 1))
        b.category = EXPRESSIBLE.get(b.dialect, {}).get(category, category)
        b.deps = pick_deps(rng, i, counts[i])
        m = module.replace(" ", "_")
        b.owns = [f"src/{area}/{m}/**", f"tests/{area}/test_{m}_{i + 1}.py"]
        if rng.random() < 0.4:
            b.owns.append(f"docs/{area}/{m}.md")
        b.gate = gate_for(rng, area, m, i + 1)
        b.acceptance = [sentence(rng, rng.randint(6, 12)) for _ in range(rng.randint(2, 4))]
        b.text = ""
        b.phases = None
        batches.append(b)
    return batches


def pad_text(rng, batches, rendered_size, target):
    """Give each batch deliverable prose so that it reaches about `target` bytes."""
    for b in batches:
        b.text = prose(rng, max(60, target - rendered_size(b)))


def ref(batches, j, style):
    """How batch j is named from another batch's text."""
    b = batches[j]
    if style == "task" and b.dialect == "workstreams":
        return f"Workstream {b.id}"
    return b.id


def dep_list(batches, b, empty="none"):
    return ", ".join(ref(batches, j, "field") for j in b.deps) or empty


def gate_md(b):
    kind, text = b.gate
    return f"`{text}`" if kind == "command" else text


# ---------------------------------------------------------------- renderers

def render_heading(out, batches, group, rng):
    out.append(f"# {group['title']}\n\n{group['intro']}\n\n")
    for b in group["batches"]:
        out.append(f"## Batch {b.id}: {b.title}\n")
        out.append(f"- Status: {STATUS_WORDS['heading'][b.category]}\n")
        out.append(f"- Depends on: {dep_list(batches, b)}\n")
        out.append(f"- Owns: {', '.join(b.owns)}\n")
        out.append(f"- Gate: {gate_md(b)}\n")
        out.append(f"- Deliverables: {b.text}\n")
        out.append("- Acceptance:\n")
        for a in b.acceptance:
            out.append(f"  - {a}\n")
        out.append("\n")


def render_table(out, batches, group, rng):
    out.append(f"### {group['number']} · {group['title']}\n{group['intro']}\n\n")
    out.append("| Batch | Deliverables | Status |\n|-------|--------------|--------|\n")
    for b in group["batches"]:
        out.append(f"| {b.id} | {b.title}: {b.text} | {STATUS_WORDS['table'][b.category]} |\n")
    out.append("\n#### Batch Details\n")
    for b in group["batches"]:
        out.append(f"- **{b.id}**\n")
        out.append(f"  - {b.title}\n")
        for a in b.acceptance:
            out.append(f"  - {a}\n")
        out.append(f"  - Dependencies: {dep_list(batches, b)}\n")
        out.append(f"  - Owns: {', '.join('`' + p + '`' for p in b.owns)}\n")
        out.append(f"  - Build: {gate_md(b)}\n")
    out.append("\n")


def workstream_phases(b, rng, batches):
    """Planning / Scaffolding / Coding checklists whose ticks match the status."""
    dep_tasks = [f"Confirm dependency on {ref(batches, j, 'task')} outputs before starting." for j in b.deps]
    plan = dep_tasks + b.acceptance[:2]
    scaffold = [f"Lay out `{b.owns[0]}` and wire it into CI.", f"Write the fixture list for {b.title.lower()}."]
    coding = [f"Implement {b.title.lower()}.", "Deliver logs and artifact hashes for review."]
    if b.category == "done":
        ticks = (len(plan), len(scaffold), len(coding))
    elif b.category in ("active", "review"):
        ticks = (len(plan), len(scaffold), rng.randint(0, len(coding) - 1))
    elif b.category == "blocked":
        ticks = (len(plan), rng.randint(0, 1), 0)
    else:
        ticks = (0, 0, 0)
    return [("Planning", plan, ticks[0]), ("Scaffolding", scaffold, ticks[1]), ("Coding", coding, ticks[2])]


def render_workstreams(out, batches, group, rng):
    out.append(f"# {group['title']}\n\n{group['intro']} Each workstream goes **Planning → Scaffolding → Coding**; "
               "Coding may only begin after Planning and Scaffolding are complete.\n\n")
    for b in group["batches"]:
        out.append(f"## Workstream {b.id} — {b.title}\n\n{b.text}\n\n")
        for name, tasks, ticked in b.phases:
            out.append(f"- **{name}**\n")
            for t, task in enumerate(tasks):
                out.append(f"  - {'✅' if t < ticked else '☐'} {task}\n")
        out.append(f"- Owns: {', '.join(b.owns)}\n")
        out.append(f"- Gate: {gate_md(b)}\n")
        if b.category == "blocked":
            out.append(f"- Status: blocked\n")
        out.append("\n")


def german_status(b, rng):
    if b.category == "done":
        return f"abgeschlossen am {rng.randint(1, 28)}. {rng.choice(GERMAN_MONTHS)} 2026"
    return STATUS_WORDS["german"][b.category]


def render_german(out, batches, group, rng):
    out.append(f"## {group['title']}\n\n{group['intro']}\n\n")
    ids = [b.id for b in group["batches"]]
    out.append(f"Die Pakete {ids[0]} bis {ids[-1]} bilden eine Welle.\n\n")
    for k, b in enumerate(group["batches"]):
        out.append(f"- {b.id} {b.title}\n")
        out.append(f"  - Ziel: {b.text}\n")
        out.append(f"  - Status: {german_status(b, rng)}\n")
        if b.deps:
            out.append(f"  - Abhängigkeit: {dep_list(batches, b)}\n")
        if k > 0 and rng.random() < 0.2:
            prev = group["batches"][k - 1]
            if prev.index not in b.deps:
                out.append(f"  - Parallel zu: {prev.id}\n")
        out.append(f"  - Scope: {', '.join('`' + p + '`' for p in b.owns)}\n")
        out.append(f"  - Gate: {gate_md(b)}\n")
        out.append("  - Abnahme:\n")
        for a in b.acceptance:
            out.append(f"    - {a}\n")
    out.append("\n")


def render_rendered(out, batches, group, rng):
    # text as copied from a rendered page: bare title lines, "•" bullets two spaces per level
    out.append(f"{group['title']}\n\n{group['intro']}\n\n")
    for b in group["batches"]:
        out.append(f"Batch {b.id}: {b.title}\n\nPurpose: {b.text}\n\n")
        if b.deps:
            out.append("Depends on:\n\n")
            for j in b.deps:
                out.append(f"  • {ref(batches, j, 'field')}\n")
            out.append("\n")
        out.append("Primary ownership:\n\n")
        for p in b.owns:
            out.append(f"  • {p}\n")
        out.append("\nGate:\n\n")
        out.append(f"  • {gate_md(b)}\n\nAcceptance:\n\n")
        for a in b.acceptance:
            out.append(f"  • {a}\n")
        out.append("\n")
    out.append("Merge order\n\n")
    for k, b in enumerate(group["batches"][:3]):
        out.append(f"  {k + 1}. {b.id} {'first' if k == 0 else 'after ' + group['batches'][k - 1].id}\n")
    out.append("\nStatus\n\n")
    for b in group["batches"]:
        out.append(f"  • {b.id} {STATUS_WORDS['rendered'][b.category]}\n")
    out.append("\n")


def render_front_matter(batches, group):
    lines = ["---\n", "name: Generated benchmark plan\n",
             "overview: Synthetic plan mixing the batch-plan dialects Baton reads.\n", "todos:\n"]
    for b in group["batches"]:
        lines.append(f"  - id: {b.id}\n")
        lines.append(f"    content: \"Phase {b.index + 1}: {b.title}\"\n")
        lines.append(f"    status: {STATUS_WORDS['frontmatter'][b.category]}\n")
        if b.deps:
            lines.append(f"    dependencies: [{', '.join(batches[j].id for j in b.deps)}]\n")
    lines.append("---\n\n")
    return lines


def render_front_matter_body(out, batches, group, rng):
    out.append(f"# {group['title']}\n\n{group['intro']}\n\n")
    out.append("| Phase | Content | Status | Depends on |\n|-------|---------|--------|------------|\n")
    for b in group["batches"]:
        out.append(f"| {b.id} | {b.title} | {STATUS_WORDS['frontmatter'][b.category]} | {dep_list(batches, b, '–')} |\n")
    out.append("\n")
    for b in group["batches"]:
        out.append(f"## Phase {b.index + 1}: {b.title}\n\n{b.text}\n\n")
        out.append(f"- Owns: {', '.join('`' + p + '`' for p in b.owns)}\n- Gate: {gate_md(b)}\n\n")


RENDER = {"heading": render_heading, "table": render_table, "workstreams": render_workstreams,
          "german": render_german, "rendered": render_rendered, "frontmatter": render_front_matter_body}


def plan_groups(args, rng):
    """Split the batches into sections, each in one dialect."""
    n = args.batches
    groups = []
    dialect_of = []
    i = 0
    last = None
    if args.dialect == "mixed" and n >= 10:
        size = min(12, n // 10)
        groups.append({"dialect": "frontmatter", "start": 0, "end": size})
        dialect_of += ["frontmatter"] * size
        i = size
    while i < n:
        if args.dialect == "mixed":
            d = rng.choice([x for x in DIALECTS if x != last])
            size = rng.randint(8, 30)
        else:
            d = args.dialect
            size = 50
        end = min(n, i + size)
        groups.append({"dialect": d, "start": i, "end": end})
        dialect_of += [d] * (end - i)
        i = end
        last = d
    for number, g in enumerate(groups, 1):
        g["number"] = number
        g["title"] = f"{rng.choice(AREAS).capitalize()} and {rng.choice(AREAS)} work, round {number}"
        g["intro"] = prose(rng, 200)
    return groups, dialect_of


def expected_json(batches, groups, name):
    merge_after = {}  # merge-order lists of rendered sections: "2. N18 after N17"
    for g in groups:
        if g["dialect"] == "rendered":
            first = g["batches"][:3]
            for k in range(1, len(first)):
                merge_after[first[k].index] = first[k - 1].id
    items = []
    for b in batches:
        if b.dialect == "workstreams":
            ticks = [t for _, _, t in b.phases]
            total = sum(len(tasks) for _, tasks, _ in b.phases)
            status = ["blocked"] if b.category == "blocked" else (
                ["done"] if sum(ticks) == total else (["active", "todo"] if sum(ticks) else ["todo"]))
        else:
            status = [b.category]
        item = {"id": b.id, "title": b.title, "status": status,
                "dependsOn": [batches[j].id for j in b.deps]}
        if b.index in merge_after:
            item["mayDependOn"] = [merge_after[b.index]]
        items.append(item)
    return {"document": name, "notes": "generated by benchmarks/generate_plan.py", "items": items, "ignorable": []}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--batches", type=int, default=2000)
    p.add_argument("--deps", type=int, default=None)
    p.add_argument("--dialect", choices=["mixed"] + DIALECTS, default="mixed")
    p.add_argument("--batch-bytes", type=int, default=1000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--expected", metavar="FILE")
    p.add_argument("-o", "--output", metavar="FILE")
    args = p.parse_args()
    if args.batches < 1:
        p.error("--batches must be at least 1")

    rng = random.Random(args.seed)
    groups, dialect_of = plan_groups(args, rng)
    batches = make_batches(args, rng, dialect_of)
    for b in batches:
        if b.dialect == "workstreams":
            b.phases = workstream_phases(b, rng, batches)

    # measure each batch without prose, then pad the prose to the target size
    def size_without_text(b):
        scratch = []
        group = {"batches": [b], "title": "", "intro": "", "number": 0}
        RENDER[b.dialect](scratch, batches, group, random.Random(0))
        return len("".join(scratch).encode()) - 40
    pad_text(rng, batches, size_without_text, args.batch_bytes)

    out = []
    for g in groups:
        g["batches"] = batches[g["start"]:g["end"]]
        if g["dialect"] == "frontmatter":
            out[:0] = render_front_matter(batches, g)
        RENDER[g["dialect"]](out, batches, g, rng)
    if any(g["dialect"] == "table" for g in groups):
        out.append("---\n" + LEGEND + "\n")
    text = "".join(out)
    data = text.encode("utf-8")

    if args.output:
        with open(args.output, "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)
    if args.expected:
        with open(args.expected, "w", encoding="utf-8") as f:
            json.dump(expected_json(batches, groups, args.output or "-"), f, ensure_ascii=False, indent=1)
            f.write("\n")

    edges = sum(len(b.deps) for b in batches)
    per = {}
    for b in batches:
        per[b.dialect] = per.get(b.dialect, 0) + 1
    mix = ", ".join(f"{d} {c}" for d, c in sorted(per.items()))
    print(f"generate_plan: {len(batches)} batches, {edges} dependency edges, {len(data)} bytes ({mix})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
