/** Colour and shape per node kind (the API's NodeKind values): the legend and the graph use the same table. */
export const KIND_STYLE: Record<string, { color: string; shape: string }> = {
  PROCESS: { color: '#6a3d9a', shape: 'star' },
  OBJECTIVE: { color: '#cab2d6', shape: 'round-rectangle' },
  MANDATE: { color: '#fb9a99', shape: 'tag' },
  REGION: { color: '#1b9e77', shape: 'hexagon' },
  COUNTRY: { color: '#33a02c', shape: 'ellipse' },
  PLACE: { color: '#b2df8a', shape: 'ellipse' },
  TASK_FORCE: { color: '#e6ab02', shape: 'octagon' },
  PORTFOLIO: { color: '#fdbf6f', shape: 'round-triangle' },
  WORKPLAN: { color: '#ffd92f', shape: 'rectangle' },
  ORGANISATION: { color: '#1f78b4', shape: 'diamond' },
  OFFICE: { color: '#a6cee3', shape: 'diamond' },
  ROLE: { color: '#e7298a', shape: 'pentagon' },
  STAKEHOLDER_GROUP: { color: '#8dd3c7', shape: 'barrel' },
  REPORT: { color: '#bebada', shape: 'rectangle' },
  MEETING: { color: '#ff7f00', shape: 'round-octagon' },
  INSTRUMENT: { color: '#e31a1c', shape: 'round-rectangle' },
  SECTION: { color: '#fc8d62', shape: 'rectangle' },
  ARTICLE: { color: '#b15928', shape: 'rectangle' },
  PREAMBLE_CLAUSE: { color: '#d9d9d9', shape: 'rectangle' },
  PLAN_AREA: { color: '#fccde5', shape: 'round-rectangle' },
};

export const kindStyle = (kind: string) => KIND_STYLE[kind] ?? { color: '#999999', shape: 'ellipse' };

/** A kind as a reader sees it: PLAN_AREA → "Plan area", TASK_FORCE → "Task force". */
export const kindLabel = (kind: string) => kind.charAt(0) + kind.slice(1).toLowerCase().replaceAll('_', ' ');
