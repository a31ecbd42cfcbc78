/** Colour and shape per node kind: the legend and the graph use the same table. */
export const KIND_STYLE: Record<string, { color: string; shape: string }> = {
  Process: { color: '#6a3d9a', shape: 'star' },
  Objective: { color: '#cab2d6', shape: 'round-rectangle' },
  Mandate: { color: '#fb9a99', shape: 'tag' },
  Region: { color: '#1b9e77', shape: 'hexagon' },
  Country: { color: '#33a02c', shape: 'ellipse' },
  Place: { color: '#b2df8a', shape: 'ellipse' },
  TaskForce: { color: '#e6ab02', shape: 'octagon' },
  Portfolio: { color: '#fdbf6f', shape: 'round-triangle' },
  Workplan: { color: '#ffd92f', shape: 'rectangle' },
  Organisation: { color: '#1f78b4', shape: 'diamond' },
  Office: { color: '#a6cee3', shape: 'diamond' },
  Role: { color: '#e7298a', shape: 'pentagon' },
  StakeholderGroup: { color: '#8dd3c7', shape: 'barrel' },
  Report: { color: '#bebada', shape: 'rectangle' },
  Meeting: { color: '#ff7f00', shape: 'round-octagon' },
  Instrument: { color: '#e31a1c', shape: 'round-rectangle' },
  Section: { color: '#fc8d62', shape: 'rectangle' },
  Article: { color: '#b15928', shape: 'rectangle' },
  PreambleClause: { color: '#d9d9d9', shape: 'rectangle' },
  PlanArea: { color: '#fccde5', shape: 'round-rectangle' },
};

export const kindStyle = (kind: string) => KIND_STYLE[kind] ?? { color: '#999999', shape: 'ellipse' };
