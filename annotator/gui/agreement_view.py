"""Review ▸ Agreement: pick analysts, compute in the background (with progress and Cancel),
then read the figures as a table, as bars per tag, and as a confusion heat map; save the
same report as CSV or as a self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement.compute import compute_agreement
from annotator.core.agreement.render import (
    BAR_MEASURES,
    MEASURES,
    TABLE_MEASURES,
    csv_text,
    html_page,
    number,
    tag_text,
)
from annotator.core.agreement.report import AgreementReport, Comparison
from annotator.gui.agreement_charts import BarChart, HeatMap
from annotator.gui.checklist import checked_names, checklist
from annotator.gui.dialogs import show_error
from annotator.gui.tasks import BackgroundTask
from annotator.gui.workspace import Workspace

MEASURE_BY_KEY = {key: (heading, getter) for key, heading, getter in MEASURES}


class AgreementDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement")
        self.workspace = workspace
        self.report: AgreementReport | None = None
        self._task: BackgroundTask | None = None
        self.analysts = checklist(workspace.project.annotators(), self)
        compute = QPushButton("&Compute", self)
        compute.clicked.connect(self.compute)
        self.comparison = QComboBox(self)
        self.comparison.currentIndexChanged.connect(self._show_comparison)
        self.measure = QComboBox(self)
        for key in BAR_MEASURES:
            self.measure.addItem(MEASURE_BY_KEY[key][0], key)
        self.measure.currentIndexChanged.connect(self._show_comparison)
        self.table = QTableWidget(0, len(TABLE_MEASURES) + 1, self)
        self.table.setHorizontalHeaderLabels(
            ["tag", *(MEASURE_BY_KEY[key][0] for key in TABLE_MEASURES)]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.bars = BarChart(self)
        self.heat = HeatMap(self)
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        save_csv = QPushButton("Save &CSV…", self)
        save_csv.clicked.connect(lambda: self._save("csv"))
        save_html = QPushButton("Save &HTML report…", self)
        save_html.clicked.connect(lambda: self._save("html"))
        self._layout(compute, save_csv, save_html)
        self.resize(1100, 720)

    def _layout(self, compute: QPushButton, save_csv: QPushButton, save_html: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Analysts:", self))
        top.addWidget(self.analysts, 1)
        top.addWidget(compute)
        picks = QHBoxLayout()
        picks.addWidget(QLabel("Compare:", self))
        picks.addWidget(self.comparison, 1)
        picks.addWidget(QLabel("Bars show:", self))
        picks.addWidget(self.measure)
        picks.addWidget(save_csv)
        picks.addWidget(save_html)
        charts = QHBoxLayout()
        charts.addWidget(self.bars, 1)
        charts.addWidget(self.heat, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(picks)
        layout.addWidget(self.table)
        layout.addLayout(charts, 1)
        layout.addWidget(self.rule)

    def compute(self) -> None:
        project = self.workspace.project
        chosen = checked_names(self.analysts)
        task = BackgroundTask(
            self,
            "Computing agreement…",
            lambda progress, cancelled: compute_agreement(
                project, annotators=chosen, progress=progress, cancelled=cancelled
            ),
        )
        task.done.connect(self.show_report)
        task.error.connect(lambda exc: show_error(self, exc))
        self._task = task
        task.start()

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        self.rule.setText(report.untagged_rule)
        self.comparison.blockSignals(True)
        self.comparison.clear()
        comparisons = ([report.group] if report.group else []) + list(report.pairs)
        for comparison in comparisons:
            label = "all analysts" if comparison.kind == "group" else comparison.name
            self.comparison.addItem(f"{label} ({comparison.documents} documents)", comparison)
        self.comparison.blockSignals(False)
        self._show_comparison()

    def current_comparison(self) -> Comparison | None:
        data = self.comparison.currentData()
        return data if isinstance(data, Comparison) else None

    def _show_comparison(self) -> None:
        comparison = self.current_comparison()
        if comparison is None:
            return
        rows = [comparison.overall, *comparison.tags]
        self.table.setRowCount(len(rows))
        for r, agreement in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(tag_text(agreement.tag)))
            for c, key in enumerate(TABLE_MEASURES, start=1):
                item = QTableWidgetItem(number(MEASURE_BY_KEY[key][1](agreement)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setMaximumHeight(height)
        getter = MEASURE_BY_KEY[self.measure.currentData()][1]
        self.bars.set_values([(tag_text(a.tag), _float(getter(a))) for a in rows])
        names = comparison.annotators if comparison.kind == "pair" else ("", "")
        self.heat.set_matrix(comparison.token_confusion, (names[0], names[1]))

    def _save(self, kind: str) -> None:
        if self.report is None:
            return
        suffix = ".csv" if kind == "csv" else ".html"
        target, _ = QFileDialog.getSaveFileName(self, "Save report", f"agreement{suffix}")
        if target:
            self.save(Path(target), kind)

    def save(self, target: Path, kind: str) -> None:
        assert self.report is not None
        text = csv_text(self.report) if kind == "csv" else html_page(self.report)
        try:
            target.write_text(text, encoding="utf-8-sig" if kind == "csv" else "utf-8")
        except OSError as exc:
            show_error(self, exc)


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)
