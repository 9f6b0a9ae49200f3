/**
 * Terraform conditionals' tests, read as what they are built from (conditionLogic.ts), from their text as
 * the readings name them (`var.env == "prod"`): `!`, `&&`, `||` and parentheses combine tests; `==` and `!=`
 * of an expression and a value written in place compare that expression, by the value's type and value as
 * Terraform does (`1 == 1.0`; `1 != "1"`); any other expression (`var.prod`, `length(var.x) > 0`) is a test
 * of its own, true or not (a bool), the same wherever its text is the same. A test of values written in
 * place, or bound by an iteration (`each.key == "org"` in the instance keyed "org"), is decided.
 */
import { freeTest, type ConditionLogic, type Formula, workBudget } from './conditionLogic';
import type { HclNode } from './hclParser';
import type { Scope } from './hclValues';

/** A file's conditionals, with a budget of its own for all of its policies' readings (workBudget). */
export function hclConditionLogic(): ConditionLogic {
  return { formula: (test) => testFormula(test), allowedValues: () => undefined, spend: workBudget() };
}

/**
 * The side a conditional takes where its test is decided (decidedTest): by the values `scope` binds
 * (`each.key == "org"` in one instance of a resource made with for_each) or written in place (`true`);
 * undefined when it is not, and both sides are read.
 */
export function takenSide(conditional: HclNode, scope: Scope): HclNode | undefined {
  const [test, whenTrue, whenFalse] = conditional.namedChildren.filter((c) => c.type === 'expression');
  if (!test || !whenTrue || !whenFalse) return undefined;
  const decided = decidedTest(test.text, scope);
  return decided === undefined ? undefined : decided ? whenTrue : whenFalse;
}

/**
 * Whether a test is true where `scope` binds the references it makes: `each.key == "org"` in the instance
 * whose key is "org", `statement.value != "Deny"` for the "Allow" statement, `!true`. Undefined when any part
 * of it is not a value written in place (or bound), so that both of its sides are read.
 */
export function decidedTest(text: string, scope: Scope): boolean | undefined {
  const formula = testFormula(boundTest(text, scope));
  return formula && constantValue(formula);
}

/** A test's text with each reference `scope` binds (`statement.value`) written as its value (`"Allow"`); strings as written. */
export function boundTest(text: string, scope: Scope): string {
  if (scope.size === 0) return text;
  const names = [...scope.keys()].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const reference = new RegExp(String.raw`"(?:[^"\\]|\\.)*"|(?<![\w.-])(?:${names})(?![\w-])`, 'g');
  return text.replace(reference, (match) => (match.startsWith('"') ? match : JSON.stringify(scope.get(match)!.value)));
}

/** Whether a formula of values written in place holds; undefined when any part of it tests an expression. */
function constantValue(formula: Formula): boolean | undefined {
  if (formula.kind === 'constant') return formula.holds;
  if (formula.kind === 'equals') return undefined;
  const parts = (formula.kind === 'not' ? [formula.of] : formula.of).map(constantValue);
  if (parts.includes(undefined)) return undefined;
  if (formula.kind === 'not') return !parts[0];
  return formula.kind === 'and' ? parts.every(Boolean) : parts.some(Boolean);
}

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

/** An operand standing alone as a test: `true`, `false`, or an expression that holds or not (a bool). */
function valueTest(operand: string): Formula {
  if (operand === 'true' || operand === 'false') return { kind: 'constant', holds: operand === 'true' };
  return typedComparison(operand, { type: 'bool', value: 'true' });
}

function comparison(left: string, right: string): Formula {
  const [a, b] = [literal(left), literal(right)];
  if (a !== undefined && b !== undefined) return { kind: 'constant', holds: a.type === b.type && a.value === b.value };
  if (a === undefined && b !== undefined) return typedComparison(left, b);
  if (a !== undefined) return typedComparison(right, a);
  return freeTest([left, right].sort().join(' == '));
}

/** A value written in place, as Terraform's `==` compares it: by type, then value (`1 == 1.0`, `1 != "1"`). */
interface Literal {
  type: 'string' | 'number' | 'bool' | 'null';
  value: string;
}

/**
 * An expression compared with a value of one type: its subject is the expression as a value of that type.
 * `==` never converts (`true == "true"` is false), and what type an expression has is not known here, so
 * comparisons of one expression with values of different types are read as unrelated: never as agreeing,
 * nor as excluding each other.
 */
function typedComparison(expression: string, value: Literal): Formula {
  return { kind: 'equals', subject: `${expression} as ${value.type}`, value: value.value };
}

/** A value written in place; not one Terraform interpolates, nor one with a directive (`%{ if ... }`). */
function literal(operand: string): Literal | undefined {
  if (/^"(?:[^"\\]|\\.)*"$/.test(operand) && !operand.includes('${') && !operand.includes('%{')) {
    try {
      return { type: 'string', value: JSON.parse(operand) as string };
    } catch {
      // An escape HCL reads and JSON does not (`\U0001F600`): not known here, so the string is an expression,
      // never found equal to, or different from, its value written another way (`"😀"`).
      return undefined;
    }
  }
  if (operand === 'true' || operand === 'false') return { type: 'bool', value: operand };
  if (operand === 'null') return { type: 'null', value: operand };
  const number = /^(-?)(\d+)(?:\.(\d+))?$/.exec(operand);
  return number ? { type: 'number', value: canonicalNumber(number[1], number[2], number[3] ?? '') } : undefined;
}

/** A decimal as one text per value: `01`, `1.0` and `1` are the same number. */
function canonicalNumber(sign: string, whole: string, fraction: string): string {
  const digits = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const magnitude = decimals ? `${digits}.${decimals}` : digits;
  return magnitude === '0' ? '0' : `${sign}${magnitude}`;
}
