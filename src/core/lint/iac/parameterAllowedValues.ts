/**
 * A CloudFormation parameter's `AllowedValues`, where they are the values its `Ref` can give. For a parameter
 * of an `AWS::SSM::Parameter::Value<…>` type they are not: they limit the SSM parameter's *name* written at
 * deployment, and the `Ref` gives the value stored under that name, which can be anything (`*` too).
 */
import { entryValue, type IacValue, stringOf } from './sourceTree';

export function refAllowedValues(parameter: IacValue | undefined): IacValue | undefined {
  if (stringOf(entryValue(parameter, 'Type'))?.startsWith('AWS::SSM::Parameter::Value<')) return undefined;
  return entryValue(parameter, 'AllowedValues');
}
