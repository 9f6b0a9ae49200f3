/**
 * Terraform conditionals' tests, read as what they are built from (conditionLogic.ts), from their text as
 * the readings name them (`var.env == "prod"`): `!`, `&&`, `||` and parentheses combine tests; `==` and `!=`
 * of an expression and a value written in place compare that expression; any other expression (`var.prod`,
 * `length(var.x) > 0`) is a test of its own, true or not, the same wherever its text is the same.
 */
import { freeTest, type ConditionLogic, type Formula } from './conditionLogic';

export const HCL_CONDITION_LOGIC: ConditionLogic = {
  formula: (test) => testFormula(test),
  allowedValues: () => undefined,
};

/** Operators, strings and parentheses, each a token; any other run of text one token. */
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|&&|\|\||==|!=|!|\(|\)|(?:[^\s"&|=!()]|[=!](?!=)|&(?!&)|\|(?!\|))+)/gy;

function testFormula(text: string): Formula | undefined {
  const tokens: string[] = [];
  let read = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    tokens.push(match[1]);
    read = TOKEN.lastIndex;
  }
  if (text.slice(read).trim() !== '') return undefined;
  let at = 0;
  const peek = () => tokens[at];
  // An operand: the tokens up to the next operator at its depth of parentheses, as text.
  const operand = (): string => {
    const parts: string[] = [];
    for (let depth = 0; at < tokens.length; at++) {
      const token = tokens[at];
      if (depth === 0 && ['&&', '||', '==', '!=', ')'].includes(token)) break;
      if (token === '(') depth++;
      if (token === ')') depth--;
      parts.push(token);
    }
    return parts.join(' ');
  };
  const or = (): Formula => {
    const parts = [and()];
    while (peek() === '||') at++, parts.push(and());
    return parts.length === 1 ? parts[0] : { kind: 'or', of: parts };
  };
  const and = (): Formula => {
    const parts = [unary()];
    while (peek() === '&&') at++, parts.push(unary());
    return parts.length === 1 ? parts[0] : { kind: 'and', of: parts };
  };
  const unary = (): Formula => {
    if (peek() === '!') return at++, { kind: 'not', of: unary() };
    if (peek() === '(') {
      const start = at++;
      const inner = or();
      if (peek() === ')') {
        at++;
        // `(a) == "x"`: the parentheses held an operand, not a test.
        if (peek() !== '==' && peek() !== '!=') return inner;
      }
      at = start;
    }
    const left = operand();
    const operator = peek();
    if (operator !== '==' && operator !== '!=') return valueTest(left);
    at++;
    const equal = comparison(left, operand());
    return operator === '==' ? equal : { kind: 'not', of: equal };
  };
  const formula = or();
  return at === tokens.length ? formula : undefined;
}

/** An operand standing alone as a test: `true`, `false`, or an expression that holds or not. */
function valueTest(operand: string): Formula {
  if (operand === 'true' || operand === 'false') return { kind: 'constant', holds: operand === 'true' };
  return freeTest(operand);
}

function comparison(left: string, right: string): Formula {
  const [a, b] = [literal(left), literal(right)];
  if (a !== undefined && b !== undefined) return { kind: 'constant', holds: a === b };
  if (a === undefined && b !== undefined) return { kind: 'equals', subject: left, value: b };
  if (a !== undefined) return { kind: 'equals', subject: right, value: a };
  return freeTest([left, right].sort().join(' == '));
}

/** A value written in place, as Terraform compares it (a bool compared with `true` is the bool); not one it interpolates. */
function literal(operand: string): string | undefined {
  if (/^"(?:[^"\\]|\\.)*"$/.test(operand) && !operand.includes('${')) {
    try {
      return JSON.parse(operand) as string;
    } catch {
      // An escape HCL reads and JSON does not (`\U0001F600`): compared as written.
      return operand;
    }
  }
  return /^(true|false|null|-?\d+(\.\d+)?)$/.test(operand) ? operand : undefined;
}
