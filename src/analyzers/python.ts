// Python (`azure-kusto-ingest`): BlobDescriptor(path, size=None, source_id=None)
// looks the size up in storage when it is missing; with a managed-identity URI
// that fails.

import type { Finding } from '../core/findings';
import { appendToList, missingSizeMessage, replaceNode, sizeFinding } from './fixes';
import type { FileAnalysis, LanguageRules } from './language';
import type { LoadedGrammar, Node } from './loader';
import { concatenationShape, identifiersUnder, interpolatedShape, mergeShapes, queryBindings, type ScopeRules, type StringShape } from './miLiteral';
import { capture, childrenOf, listItems } from './syntax';

const BLOB_DESCRIPTOR = 'BlobDescriptor';
const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);
const BOUNDARY_TYPES = new Set(['class_definition']);
const NOT_MODULE_CODE = new Set(['function_definition', 'class_definition', 'decorated_definition']);
const IDENTIFIER = new Set(['identifier']);

const BINDINGS_QUERY = `
(assignment left: (identifier) @name) @assignment
(augmented_assignment left: (identifier) @name) @augmented
(named_expression name: (identifier) @name) @walrus
(for_statement left: (identifier) @name) @other
(as_pattern_target (identifier) @name) @other
`;

function shape(expr: Node): StringShape | null {
  switch (expr.type) {
    case 'string':
      return interpolatedShape(expr, 'interpolation', (i) => [i.childForFieldName('expression')]);
    case 'concatenated_string':
      return childrenOf(expr).reduce<StringShape | null>((acc, part) => mergeShapes(acc, shape(part)), null);
    case 'parenthesized_expression': {
      const inner = expr.firstNamedChild;
      return inner ? shape(inner) : null;
    }
    case 'binary_operator': {
      const op = expr.childForFieldName('operator')?.type;
      const left = expr.childForFieldName('left');
      if (op === '+') return concatenationShape(expr, shape);
      if (op === '%' && left) return shape(left); // "...;managed_identity=%s" % oid
      return null;
    }
    case 'call': {
      // "...;managed_identity={}".format(oid)
      const fn = expr.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      if (object && fn?.childForFieldName('attribute')?.text === 'format') return shape(object);
      return null;
    }
    case 'identifier':
      return { literals: [], refs: [expr] };
    default:
      return null;
  }
}

export const PYTHON_TRIGGERS: readonly string[] = [BLOB_DESCRIPTOR];

export function createPythonRules(grammar: LoadedGrammar): LanguageRules {
  const { api, language } = grammar;
  const bindingsQuery = new api.Query(language, BINDINGS_QUERY);

  const scope: ScopeRules = {
    functionTypes: FUNCTION_TYPES,
    boundaryTypes: BOUNDARY_TYPES,
    parameterNames(fn) {
      const names = new Set<string>();
      identifiersUnder(fn.childForFieldName('parameters'), IDENTIFIER, names);
      return names;
    },
    bindings(container, start, end) {
      return queryBindings(bindingsQuery, container, start, end, (name, m) => {
        const assignment = capture(m, 'assignment');
        if (assignment) return { name: name.text, node: assignment, value: assignment.childForFieldName('right'), append: false };
        const augmented = capture(m, 'augmented');
        if (augmented) {
          const plus = augmented.childForFieldName('operator')?.type === '+=';
          return { name: name.text, node: augmented, value: plus ? augmented.childForFieldName('right') : null, append: plus };
        }
        const walrus = capture(m, 'walrus');
        if (walrus) return { name: name.text, node: walrus, value: walrus.childForFieldName('value'), append: false };
        return undefined;
      });
    },
    isModuleCode: (child) => !NOT_MODULE_CODE.has(child.type),
    moduleConstant(name) {
      const assignment = name.parent;
      if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== name.id) return undefined;
      if (assignment.parent?.type !== 'expression_statement' || assignment.parent.parent?.type !== 'module') return undefined;
      return { value: assignment.childForFieldName('right') };
    },
    shape,
  };

  return {
    triggers: PYTHON_TRIGGERS,
    scope,
    callAt(token) {
      if (token.type !== 'identifier') return null;
      let callee: Node | null = token;
      const parent = token.parent;
      if (parent?.type === 'attribute') {
        callee = parent.childForFieldName('attribute')?.id === token.id ? parent : null;
      }
      const call = callee?.parent;
      if (!callee || call?.type !== 'call' || call.childForFieldName('function')?.id !== callee.id) return null;
      return call.childForFieldName('arguments')?.type === 'argument_list' ? call : null;
    },
    begin(_root, text) {
      return {
        factsKey: '',
        analyzeCall(call, callee, resolver): Finding | null {
          const list = call.childForFieldName('arguments');
          if (!list) return null;
          const positional: Node[] = [];
          const keywords = new Map<string, Node>();
          for (const item of listItems(list)) {
            if (item.type === 'list_splat' || item.type === 'dictionary_splat') return null; // size may hide in *args / **kwargs
            if (item.type === 'keyword_argument') {
              const key = item.childForFieldName('name')?.text;
              const value = item.childForFieldName('value');
              if (key && value) keywords.set(key, value);
            } else {
              positional.push(item);
            }
          }
          const path = keywords.get('path') ?? positional[0];
          if (!path || !resolver.isManagedIdentity(path)) return null;
          const size = keywords.get('size') ?? positional[1];
          const fixPhrase = 'Pass size= the raw (uncompressed) data size';
          if (!size) {
            const message = missingSizeMessage(`${BLOB_DESCRIPTOR} gets a managed-identity blob URI but no size`, fixPhrase);
            return sizeFinding(callee, message, 'Add size=0 (let the service discover the blob size)', appendToList(text, list, 'size=0'));
          }
          if (size.type === 'none') {
            const message = missingSizeMessage(`${BLOB_DESCRIPTOR} gets a managed-identity blob URI and size=None`, fixPhrase);
            return sizeFinding(callee, message, 'Set size=0 (let the service discover the blob size)', replaceNode(size, '0'));
          }
          return null;
        },
      } satisfies FileAnalysis;
    },
  };
}
