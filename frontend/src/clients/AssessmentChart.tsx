import { useId } from "react";
import { DataTable } from "../common/DataTable";
import { formatDate } from "../common/format";
import { useMessages } from "../common/i18n";
import { DOMAINS, type Assessment } from "./api";
import { clientCodes, clientsMessages } from "./messages";

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 40, right: 20, top: 16, bottom: 40 };

/** Oldest first, by the day it was recorded. */
function chronological(assessments: readonly Assessment[]): Assessment[] {
  return [...assessments].sort((a, b) => (a.recorded_on < b.recorded_on ? -1 : a.recorded_on > b.recorded_on ? 1 : 0));
}

/**
 * The overall work-ability score (0–10) over time as a small SVG line chart, named and
 * described for screen readers, with the full data as a table right below (the accessible
 * alternative, and the place for the five domain scores).
 */
export function AssessmentChart({ assessments }: { assessments: readonly Assessment[] }) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const id = useId();
  const points = chronological(assessments);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <p className="data-empty">{t.noAssessments}</p>;

  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const start = Date.parse(first.recorded_on);
  const span = Math.max(Date.parse(last.recorded_on) - start, 1);
  const x = (assessment: Assessment) =>
    points.length === 1 ? PAD.left + innerWidth / 2 : PAD.left + ((Date.parse(assessment.recorded_on) - start) / span) * innerWidth;
  const y = (score: number) => PAD.top + innerHeight - (score / 10) * innerHeight;
  const path = points.map((point, index) => `${index === 0 ? "M" : "L"}${x(point).toFixed(1)},${y(point.overall).toFixed(1)}`).join(" ");

  return (
    <>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{t.chartTitle}</title>
        <desc id={`${id}-desc`}>
          {t.chartDescription(points.length, formatDate(first.recorded_on), formatDate(last.recorded_on))}
        </desc>
        {[0, 2, 4, 6, 8, 10].map((tick) => (
          <g key={tick} aria-hidden="true">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#d5dae1" strokeWidth="1" />
            <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#4a5563">
              {tick}
            </text>
          </g>
        ))}
        <path d={path} fill="none" stroke="#1d3a5c" strokeWidth="3" aria-hidden="true" />
        {points.map((point) => (
          <g key={point.id} aria-hidden="true">
            <circle cx={x(point)} cy={y(point.overall)} r="5" fill="#1d3a5c" />
            <text x={x(point)} y={y(point.overall) - 10} textAnchor="middle" fontSize="12" fill="#1b2430">
              {point.overall}
            </text>
            <text x={x(point)} y={HEIGHT - PAD.bottom + 20} textAnchor="middle" fontSize="12" fill="#4a5563">
              {formatDate(point.recorded_on)}
            </text>
          </g>
        ))}
      </svg>
      <DataTable
        caption={t.assessmentTable}
        rows={[...points].reverse()}
        rowKey={(row) => row.id}
        columns={[
          { key: "date", header: t.recordedOn, cell: (row) => formatDate(row.recorded_on) },
          { key: "overall", header: t.overall, cell: (row) => row.overall, numeric: true },
          {
            key: "change",
            header: t.change,
            numeric: true,
            cell: (row) => (row.change ? (row.change.overall > 0 ? `+${row.change.overall}` : String(row.change.overall)) : "–"),
          },
          // Those who see the work-ability summary only get the overall score.
          ...(points.every((row) => row.domain_scores)
            ? DOMAINS.map((domain) => ({
                key: domain,
                header: codes[domain],
                numeric: true,
                cell: (row: Assessment) => row.domain_scores?.[domain] ?? "–",
              }))
            : []),
        ]}
      />
    </>
  );
}
