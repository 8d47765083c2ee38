// The tool palette on a React Flow canvas: drag tools on from the list, connect them, pan and zoom.
import { useCallback, useMemo, type DragEvent } from "react";
import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type Viewport,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { CanvasLayout, PaletteItem, Tool } from "../api";

export const MAX_PALETTE = 20;
const DRAG_TYPE = "application/x-convilyn-tool";

export interface CanvasState {
  nodes: Node[];
  edges: Edge[];
  viewport: Viewport;
}

export function canvasFrom(palette: PaletteItem[], layout: CanvasLayout): CanvasState {
  const nodes: Node[] = palette.map((item, index) => ({
    id: item.toolName,
    position: item.position ?? { x: 240 * index, y: 0 },
    data: { label: item.toolName, note: item.note ?? null },
  }));
  const names = new Set(palette.map((p) => p.toolName));
  const edges: Edge[] = layout.edges
    .filter((e) => names.has(e.from) && names.has(e.to))
    .map((e) => ({ id: `${e.from}->${e.to}`, source: e.from, target: e.to }));
  const viewport = { x: layout.viewport.pan.x, y: layout.viewport.pan.y, zoom: layout.viewport.zoom || 1 };
  return { nodes, edges, viewport };
}

export function paletteFrom(state: CanvasState): { toolPalette: PaletteItem[]; canvasLayout: CanvasLayout } {
  return {
    toolPalette: state.nodes.map((node) => ({
      toolName: node.id,
      position: { x: Math.round(node.position.x * 10) / 10, y: Math.round(node.position.y * 10) / 10 },
      note: (node.data as { note?: string | null }).note ?? null,
    })),
    canvasLayout: {
      edges: state.edges.map((e) => ({ from: e.source, to: e.target })),
      viewport: { zoom: state.viewport.zoom, pan: { x: state.viewport.x, y: state.viewport.y } },
    },
  };
}

interface Props {
  state: CanvasState;
  onChange: (update: (state: CanvasState) => CanvasState) => void;
  tools: Tool[];
  editable: boolean;
}

export default function Canvas({ state, onChange, tools, editable }: Props) {
  const flow = useReactFlow();
  const onCanvas = useMemo(() => new Set(state.nodes.map((n) => n.id)), [state.nodes]);
  const available = tools.filter((t) => !onCanvas.has(t.toolName));
  const full = state.nodes.length >= MAX_PALETTE;

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => onChange((s) => {
      const nodes = applyNodeChanges(changes, s.nodes);
      const ids = new Set(nodes.map((n) => n.id));
      return { ...s, nodes, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
    }),
    [onChange],
  );
  const onEdgesChange = useCallback((changes: EdgeChange[]) => onChange((s) => ({ ...s, edges: applyEdgeChanges(changes, s.edges) })), [onChange]);
  const onConnect = useCallback(
    (connection: Connection) => onChange((s) => ({ ...s, edges: addEdge({ ...connection, id: `${connection.source}->${connection.target}` }, s.edges) })),
    [onChange],
  );

  function place(toolName: string, position: { x: number; y: number }) {
    onChange((s) =>
      s.nodes.some((n) => n.id === toolName) || s.nodes.length >= MAX_PALETTE
        ? s
        : { ...s, nodes: [...s.nodes, { id: toolName, position, data: { label: toolName, note: null } }] },
    );
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    const toolName = event.dataTransfer.getData(DRAG_TYPE);
    if (toolName) place(toolName, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }

  function addAtCentre(toolName: string) {
    // For touch screens, where dragging from the list is awkward: drop it in the middle of the view.
    const box = document.querySelector(".canvas")?.getBoundingClientRect();
    const centre = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 0, y: 0 };
    const at = flow.screenToFlowPosition(centre);
    place(toolName, { x: at.x + 20 * state.nodes.length, y: at.y + 20 * state.nodes.length });
  }

  return (
    <div className={editable ? "builder-canvas" : "builder-canvas read-only"}>
      {editable && (
      <aside className="palette" aria-label="Tool palette">
        <h3>Tools</h3>
        <p className="muted small">
          {full ? `The palette holds at most ${MAX_PALETTE} tools.` : "Drag a tool onto the canvas (or press +). Connect nodes by their handles; Delete removes the selected one."}
        </p>
        <ul>
          {available.map((tool) => (
            <li
              key={tool.toolName}
              draggable={!full}
              data-tool={tool.toolName}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, tool.toolName);
                e.dataTransfer.effectAllowed = "move";
              }}
              title={tool.description}
            >
              <span>
                <strong>{tool.name}</strong>
                <span className="muted small"> {tool.server}</span>
              </span>
              <button type="button" className="secondary small-button" disabled={full} aria-label={`Add ${tool.toolName}`} onClick={() => addAtCentre(tool.toolName)}>
                +
              </button>
            </li>
          ))}
        </ul>
      </aside>
      )}
      <div className="canvas" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="canvas">
        <ReactFlow
          nodes={state.nodes}
          edges={state.edges}
          onNodesChange={editable ? onNodesChange : undefined}
          onEdgesChange={editable ? onEdgesChange : undefined}
          onConnect={editable ? onConnect : undefined}
          nodesDraggable={editable}
          nodesConnectable={editable}
          defaultViewport={state.viewport}
          onMoveEnd={(_, viewport) => onChange((s) => ({ ...s, viewport }))}
          deleteKeyCode={editable ? ["Backspace", "Delete"] : null}
          minZoom={0.1}
          maxZoom={4}
          proOptions={{ hideAttribution: false }}
        >
          <Background />
          <Controls />
        </ReactFlow>
      </div>
    </div>
  );
}
