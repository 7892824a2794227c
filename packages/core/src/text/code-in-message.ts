// Source code quoted in a message: only a plain dotted name or call chain (`ctx`,
// `flytekit.current_context()`), never string literals or several lines, which may hold a credential.
const PLAIN_CODE = /^[A-Za-z_]\w*(?:\(\))?(?:\.[A-Za-z_]\w*(?:\(\))?)*$/;
const LEADING_NAME = /^[A-Za-z_][\w.]*/;
const MAX_QUOTED = 80;

/** `code` itself when it is a plain name or call chain, else its leading name with `(...)` or `...`. */
export function codeForMessage(code: string): string {
  if (code.length <= MAX_QUOTED && PLAIN_CODE.test(code)) return code;
  const name = LEADING_NAME.exec(code)?.[0].replace(/\.$/, '').slice(0, MAX_QUOTED);
  if (!name) return '...';
  return code[name.length] === '(' ? `${name}(...)` : `${name}...`;
}
