// Redocly plugin: every property of the V4 contract carries `x-agentos-evidence` (what agentOS's
// documents back) or `x-kit-assumption` (our guess, in one sentence). The control API is the
// mock's own surface and is not labelled.
const LABELS = ['x-agentos-evidence', 'x-kit-assumption'];

function propertyLabelled() {
  let skip = false;
  return {
    Root: {
      enter(root) {
        skip = Object.keys(root.paths ?? {}).every((path) => path.startsWith('/__mock'));
      },
    },
    Schema: {
      enter(schema, { report, location }) {
        if (skip || !schema.properties) return;
        for (const [name, property] of Object.entries(schema.properties)) {
          if (LABELS.some((label) => typeof property?.[label] === 'string' && property[label].trim() !== '')) continue;
          report({
            message: `property ${name} needs x-agentos-evidence "<document, model>" or x-kit-assumption "<one sentence>"`,
            location: location.child(['properties', name]),
          });
        }
      },
    },
  };
}

export default function confidencePlugin() {
  return {
    id: 'confidence',
    rules: { oas3: { 'property-labelled': propertyLabelled } },
  };
}
