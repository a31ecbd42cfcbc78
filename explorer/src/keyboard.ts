/**
 * Keyboard access to the graph (the canvas is one focusable "application"): arrow keys move the selection
 * to the nearest entity that way, Enter opens its details, E expands, L shows its lineage, H hides it,
 * Escape clears, + - 0 zoom and fit. What the movement selected is announced to screen readers.
 */
import type { NodeSingular } from 'cytoscape';
import { showNode, type DetailActions } from './details.js';
import { byId } from './dom.js';
import { cy, fitView, neighbourInDirection, reveal } from './graph.js';
import { commit, state } from './state.js';
import { kindLabel } from './style.js';

function announce(text: string): void {
  byId('announce').textContent = text;
}

function selectByKeyboard(node: NodeSingular): void {
  commit({ selected: node.id() }, true);
  reveal(node);
  announce(`${node.data('name')}, ${kindLabel(node.data('kind'))}, ${node.connectedEdges(':visible').length} relations in view. Enter: details, E: expand, L: lineage, H: hide.`);
}

export function attachKeyboard(actions: DetailActions, expand: (id: string) => void): void {
  byId('cy').addEventListener('keydown', (e) => {
    const selected = state.selected ? cy.getElementById(state.selected) : null;
    const current = selected?.nonempty() && selected.isNode() ? (selected as NodeSingular) : null;
    const centre = { x: cy.width() / 2, y: cy.height() / 2 };
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      const start = current ?? (state.focus ? cy.getElementById(state.focus) : cy.nodes(':visible').first());
      if (!start || start.empty()) return;
      const next = current ? neighbourInDirection(current, e.key) : (start as NodeSingular);
      if (next) selectByKeyboard(next);
      else announce('No entity further that way.');
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      void showNode(current.id(), actions);
      announce(`Details of ${current.data('name')} are in the details panel.`);
    } else if ((e.key === 'e' || e.key === 'E') && current) expand(current.id());
    else if ((e.key === 'l' || e.key === 'L') && current) actions.lineage(current.id());
    else if ((e.key === 'h' || e.key === 'H') && current) actions.hide(current.id());
    else if (e.key === 'Escape') commit({ selected: null }, true);
    else if (e.key === '+' || e.key === '=') cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: centre });
    else if (e.key === '-') cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: centre });
    else if (e.key === '0') fitView();
  });
  byId('cy').addEventListener('focus', () => {
    if (!state.selected) announce(`Graph with ${cy.nodes(':visible').length} entities. Arrow keys move between them.`);
  });
}

