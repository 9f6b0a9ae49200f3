/**
 * RG010 not-checked: a policy the linter found but cannot read, said with the reason instead of passing
 * silently: a CloudFormation document given by `!Ref` or `!ImportValue`, an SCP whose type is a parameter,
 * a Terraform policy built by an expression it cannot evaluate; and within a policy, a part of its structure
 * given whole by such a value (Terraform's `Statement = var.statements`, a template's `Effect: !Ref Mode`);
 * and what AWS rejects a statement for only if the policy is the type the linter assumed for it.
 */
import { UNKNOWN_PART } from '../../policy';
import type { FileContext, PolicyDocument, Rule } from '../model';
import { statementGrammar, typeWithArticle } from './RG002-invalid-grammar';
import { type UndeterminedPart, canBeValid, undeterminedParts } from '../undetermined';

export const notChecked: Rule = {
  meta: {
    id: 'RG010',
    name: 'not-checked',
    defaultSeverity: 'warning',
    description: 'A policy in the file could not be checked: its value is only known at deployment or built in a way the linter cannot read.',
  },
  checkFile(context) {
    for (const unchecked of context.unchecked) context.report({ range: unchecked.range, message: unchecked.message });
    for (const document of context.documents) {
      for (const part of undeterminedParts(document)) {
        if (canBeValid(document, part.kind, part.node)) context.report({ document, node: part.node, message: describe(document, part) });
      }
      if (document.typeAssumed) reportAssumedTypeGrammar(context, document);
    }
  },
};

/**
 * What AWS rejects a statement for only if the document is the type the linter assumed (see
 * `PolicyDocument.typeAssumed`): RG002's error would present a guess as certain, so it is said here, as
 * depending on that type.
 */
function reportAssumedTypeGrammar(context: FileContext, document: PolicyDocument): void {
  for (const statement of document.statements) {
    for (const { node, message, fixes } of statementGrammar(document, statement.node).assumedOnly) {
      context.report({ document, node, message: `The policy type of ${document.origin} is not known here; if it is ${typeWithArticle(document.type)}, AWS rejects this statement: ${message}`, fixes });
    }
  }
}

/** The message names the value as written: the linter shows UNKNOWN_PART as the text it stands for. */
function describe(document: PolicyDocument, part: UndeterminedPart): string {
  const given = `is given by ${UNKNOWN_PART}, known only at deployment`;
  const where = document.origin ? ` of ${document.origin}` : '';
  switch (part.kind) {
    case 'Statement':
      return `The Statement${where} ${given}: no statement of it is checked.`;
    case 'statement':
      return `This statement${where} ${given}, and is not checked.`;
    case 'Effect':
      return `This statement's Effect ${given}: most checks skip the statement; simulate, the preflight and the root-session checks read it as either.`;
    case 'Action': {
      const value = String(part.node.value);
      const unknown = value === UNKNOWN_PART ? `Action ${given}` : `Action "${value}" names a service known only at deployment`;
      return `This statement's ${unknown}: which actions it allows is not checked; simulate and the preflight read it as possibly any action.`;
    }
    case 'Principal':
      return `This statement's Principal ${given}: whom it names is not checked.`;
    case 'Condition':
      return `This statement's Condition ${given}, and is not checked: findings on the statement read it as if it might not restrict it.`;
    case 'included elements':
      return `This statement's Fn::Transform ${UNKNOWN_PART} brings elements known only at deployment, which are not checked: findings on the statement read it as if they might change what it does.`;
    case 'operator block':
      return `The ${part.operator} block ${given}, and is not checked: findings on the statement read it as if it might not restrict it.`;
  }
}
