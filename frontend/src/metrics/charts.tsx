// Two small SVG charts. The SVG is one image to assistive technology (role="img" with a short
// summary); the figures themselves are in the data table beside every chart. Series differ
// by colour and by pattern or marker shape, so colour is never the only cue (WCAG 1.4.1),
// and every mark has at least 3:1 contrast against white (WCAG 1.4.11).
import { useId } from "react";
import { maxOf, niceTicks, type BarChartModel, type LineChartModel } from "./chartData";

export const SERIES_COLOURS = ["#1d3a5c", "#b4531a", "#2f6f3e"] as const;
const TARGET_COLOUR = "#1b2430";

function colour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? SERIES_COLOURS[0];
}

export interface ChartFormat {
  value: (value: number) => string;
  /** The axis ticks, when they read better without the values' fixed decimal. */
  tick?: (value: number) => string;
}

function Legend({
  items,
  target,
  idPrefix,
}: {
  items: { label: string; index: number }[];
  target?: string;
  idPrefix: string;
}) {
  const named = items.filter((item) => item.label !== "");
  if (named.length < 2 && !target) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {named.map((item) => (
        <li key={item.index}>
          <svg width="28" height="14" focusable="false">
            <rect
              x="1"
              y="2"
              width="26"
              height="10"
              fill={item.index === 0 ? colour(0) : `url(#${idPrefix}-${item.index})`}
              stroke={colour(item.index)}
              strokeWidth="2"
            />
            <PatternDefs idPrefix={idPrefix} />
          </svg>
          {item.label}
        </li>
      ))}
      {target && (
        <li>
          <svg width="28" height="14" focusable="false">
            <line x1="14" y1="0" x2="14" y2="14" stroke={TARGET_COLOUR} strokeWidth="3" strokeDasharray="3 2" />
          </svg>
          {target}
        </li>
      )}
    </ul>
  );
}

/** Series 1 is solid; series 2 and 3 are striped and dotted in their own colours. */
function PatternDefs({ idPrefix }: { idPrefix: string }) {
  return (
    <defs>
      <pattern id={`${idPrefix}-1`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff" />
        <rect width="3" height="6" fill={colour(1)} />
      </pattern>
      <pattern id={`${idPrefix}-2`} width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill={colour(2)} />
        <circle cx="2.5" cy="2.5" r="1.2" fill="#ffffff" />
      </pattern>
    </defs>
  );
}

const BAR_WIDTH = 640;
const LABEL_WIDTH = 210;
const VALUE_ROOM = 60;
const BAR_HEIGHT = 18;
const GROUP_GAP = 12;
const AXIS_HEIGHT = 24;

/** Horizontal bars, grouped when there are several series, with an optional target line per group. */
export function BarChart({
  model,
  summary,
  format,
  targetLabel,
}: {
  model: BarChartModel;
  summary: string;
  format: ChartFormat;
  targetLabel?: string;
}) {
  const id = useId().replace(/:/g, "");
  const seriesCount = Math.max(1, model.series.length);
  const groupHeight = seriesCount * BAR_HEIGHT + GROUP_GAP;
  const height = model.categories.length * groupHeight + AXIS_HEIGHT;
  const ticks = niceTicks(maxOf(model), model.unit);
  const scaleMax = ticks[ticks.length - 1] ?? 1;
  const plotWidth = BAR_WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const x = (value: number) => LABEL_WIDTH + (Math.max(0, value) / scaleMax) * plotWidth;
  const hasTarget = model.categories.some((category) => category.target != null);

  return (
    <div className="metrics-chart">
      <Legend
        items={model.series.map((series, index) => ({ label: series.label, index }))}
        target={hasTarget ? targetLabel : undefined}
        idPrefix={`${id}-legend`}
      />
      <svg
        viewBox={`0 0 ${BAR_WIDTH} ${height}`}
        role="img"
        aria-label={summary}
        className="chart-svg"
        preserveAspectRatio="xMinYMin meet"
      >
        <PatternDefs idPrefix={`${id}-pattern`} />
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - AXIS_HEIGHT} className="chart-grid" />
            <text x={x(tick)} y={height - 6} textAnchor="middle" className="chart-tick">
              {(format.tick ?? format.value)(tick)}
            </text>
          </g>
        ))}
        {model.categories.map((category, categoryIndex) => {
          const top = categoryIndex * groupHeight + GROUP_GAP / 2;
          return (
            <g key={category.key}>
              <text
                x={LABEL_WIDTH - 8}
                y={top + (seriesCount * BAR_HEIGHT) / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="chart-label"
              >
                {category.label}
              </text>
              {category.values.map((value, seriesIndex) => {
                const y = top + seriesIndex * BAR_HEIGHT;
                const fill = seriesIndex === 0 ? colour(0) : `url(#${id}-pattern-${seriesIndex})`;
                return (
                  <g key={seriesIndex}>
                    {value !== null && value > 0 && (
                      <rect
                        x={LABEL_WIDTH}
                        y={y + 2}
                        width={Math.max(1, x(value) - LABEL_WIDTH)}
                        height={BAR_HEIGHT - 4}
                        fill={fill}
                        stroke={colour(seriesIndex)}
                        strokeWidth={seriesIndex === 0 ? 0 : 1.5}
                      />
                    )}
                    <text
                      x={(value !== null ? x(value) : LABEL_WIDTH) + 6}
                      y={y + BAR_HEIGHT / 2}
                      dominantBaseline="middle"
                      className="chart-value"
                    >
                      {value === null ? "–" : format.value(value)}
                    </text>
                  </g>
                );
              })}
              {category.target != null && (
                <line
                  x1={x(category.target)}
                  x2={x(category.target)}
                  y1={top - 3}
                  y2={top + seriesCount * BAR_HEIGHT + 3}
                  stroke={TARGET_COLOUR}
                  strokeWidth="3"
                  strokeDasharray="4 2"
                />
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

const LINE_WIDTH = 640;
const LINE_HEIGHT = 280;
const LINE_MARGIN = { top: 12, right: 32, bottom: 48, left: 52 };

function Marker({ shape, cx, cy, fill, size = 1 }: { shape: number; cx: number; cy: number; fill: string; size?: number }) {
  const r = 5 * size;
  if (shape === 1) return <rect x={cx - r * 0.9} y={cy - r * 0.9} width={r * 1.8} height={r * 1.8} fill={fill} />;
  if (shape === 2) return <polygon points={`${cx},${cy - r * 1.2} ${cx + r * 1.2},${cy + r} ${cx - r * 1.2},${cy + r}`} fill={fill} />;
  return <circle cx={cx} cy={cy} r={r} fill={fill} />;
}

// Earlier series are drawn wider, so a later one lying on top of it leaves it visible.
const LINE_WIDTHS = [6, 3, 2];
const MARKER_SIZES = [1.6, 1, 0.8];

const DASHES = [undefined, "8 4", "2 4"];

/** Percentages over months, one line per series; a month without a figure breaks the line. */
export function LineChart({ model, summary, format }: { model: LineChartModel; summary: string; format: ChartFormat }) {
  const plotWidth = LINE_WIDTH - LINE_MARGIN.left - LINE_MARGIN.right;
  const plotHeight = LINE_HEIGHT - LINE_MARGIN.top - LINE_MARGIN.bottom;
  const step = model.x.length > 1 ? plotWidth / (model.x.length - 1) : 0;
  const x = (index: number) => LINE_MARGIN.left + (model.x.length > 1 ? index * step : plotWidth / 2);
  const y = (value: number) => LINE_MARGIN.top + plotHeight - (Math.min(100, Math.max(0, value)) / 100) * plotHeight;
  // Long periods label every n-th month so the labels never overlap.
  const labelEvery = Math.max(1, Math.ceil(model.x.length / 12));

  return (
    <div className="metrics-chart">
      <ul className="chart-legend" aria-hidden="true">
        {model.series.map((series, index) => (
          <li key={series.key}>
            <svg width="34" height="14" focusable="false">
              <line x1="1" y1="7" x2="33" y2="7" stroke={colour(index)} strokeWidth={Math.min(4, LINE_WIDTHS[index % 3] ?? 3)} strokeDasharray={DASHES[index % 3]} />
              <Marker shape={index % 3} cx={17} cy={7} fill={colour(index)} />
            </svg>
            {series.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${LINE_WIDTH} ${LINE_HEIGHT}`} role="img" aria-label={summary} className="chart-svg">
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick}>
            <line x1={LINE_MARGIN.left} x2={LINE_WIDTH - LINE_MARGIN.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={LINE_MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle" className="chart-tick">
              {(format.tick ?? format.value)(tick)}
            </text>
          </g>
        ))}
        {model.x.map((month, index) =>
          index % labelEvery === 0 ? (
            <text
              key={month.key}
              x={x(index)}
              y={LINE_HEIGHT - LINE_MARGIN.bottom + 18}
              textAnchor="middle"
              className="chart-tick"
            >
              {month.label}
            </text>
          ) : null,
        )}
        {model.series.map((series, seriesIndex) => {
          // Runs of consecutive months with a figure, each drawn as its own line.
          const runs: { index: number; value: number }[][] = [];
          let current: { index: number; value: number }[] = [];
          series.points.forEach((value, index) => {
            if (value === null) {
              if (current.length > 0) runs.push(current);
              current = [];
            } else current.push({ index, value });
          });
          if (current.length > 0) runs.push(current);
          return (
            <g key={series.key}>
              {runs.map((run) => (
                <polyline
                  key={run[0]?.index}
                  points={run.map((point) => `${x(point.index)},${y(point.value)}`).join(" ")}
                  fill="none"
                  stroke={colour(seriesIndex)}
                  strokeWidth={LINE_WIDTHS[seriesIndex % 3]}
                  strokeDasharray={DASHES[seriesIndex % 3]}
                />
              ))}
              {runs.flat().map((point) => (
                <Marker
                  key={point.index}
                  shape={seriesIndex % 3}
                  cx={x(point.index)}
                  cy={y(point.value)}
                  fill={colour(seriesIndex)}
                  size={MARKER_SIZES[seriesIndex % 3]}
                />
              ))}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
