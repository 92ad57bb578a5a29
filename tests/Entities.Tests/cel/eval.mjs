// Reads {"cases": [{"rule": "...", "self": {...}}]} on stdin and prints one result per case as a JSON array:
// {"value": <bool>} or {"error": "..."}. Objects become CEL maps and whole numbers CEL ints, as the API server types
// them from the schema.
import { run } from "@bufbuild/cel";

const toCel = (v) =>
  Array.isArray(v) ? v.map(toCel)
  : v !== null && typeof v === "object" ? new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]))
  : typeof v === "number" && Number.isInteger(v) ? BigInt(v)
  : v;

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).cases.map(({ rule, self }) => {
  try {
    const value = run(rule, { self: toCel(self) });
    return typeof value === "boolean" ? { value } : { error: String(value) };
  } catch (e) {
    return { error: e.message };
  }
});
process.stdout.write(JSON.stringify(results));
