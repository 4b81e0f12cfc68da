<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AnnotationCommand</name>
    <message>
        <source>draw %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>move or resize %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change category or note of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnotationStyle</name>
    <message>
        <source>Weapon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explosive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Narcotics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmaceutical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tobacco</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alcohol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undeclared goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concealment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trainer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Courier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Air</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifest mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight discrepancy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concealment suspected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dense region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prohibited item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undeclared goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High risk score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intelligence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random examination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consistent with manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted trader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explained anomaly</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QApplication</name>
    <message>
        <source>Prescreen cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan cache could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in as %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>the window could not be rendered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInTask</name>
    <message>
        <source>Not signed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui</name>
    <message>
        <source>air</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inorganic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>impenetrable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x %1 mm  y %2 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x %1 px  y %2 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (A %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::AnnotationController</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select, move and resize marks; drag the image to pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark a rectangle: drag from corner to corner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark an ellipse: drag across it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark a polygon: click each corner, double-click or Enter to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected mark (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>delete %n marks</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>prescreen::ui::AnnotationDocument</name>
    <message>
        <source>The mark was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mark was not deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::AnnotationEditor</name>
    <message>
        <source>What is seen here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — by %2 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::AnnotationItem</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::AnnotationListModel</name>
    <message>
        <source>Drawn on another view of the scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (other view)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::DecisionBar</name>
    <message>
        <source>Release (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommend release on arrival (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refer (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refer for physical examination (F): needs a reason, and a mark on the scan or a comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reason code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refer because</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release because</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code sent with the decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment (a referral needs a comment or a mark on the scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time on task since the case was opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::HistogramWidget</name>
    <message>
        <source>Histogram of the scan with the display window. Drag an edge of the window to change its width, drag the band to move it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic counts: small peaks stay visible beside a large background</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::LoginDialog</name>
    <message>
        <source>Sign in — Prescreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to screen cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. officer1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workstation has no officer accounts yet. An administrator creates them with “prescreen-cli officer”, or try the demo site: “prescreen-cli demo-site DIR”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your badge and your password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::MainWindow</name>
    <message>
        <source>Prescreen — Screening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Prescreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workstation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in: %1 (%2) — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Prescreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Prescreen %1&lt;/b&gt;&lt;p&gt;Virtual cargo pre-screening workstation.&lt;/p&gt;&lt;p&gt;Workstation %2&lt;br&gt;Database %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace for your roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workstation has screening, audit and training modes; your roles allow none of them. Administrators manage officers with prescreen-cli.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mode (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescreen — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::ManifestPanel</name>
    <message>
        <source>BN %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pre-arrival data of the open case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HS code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declared lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargo control no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode / carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin / route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> → </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted trader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low-value shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected arrival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declared total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kg · %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The scan disagrees with the declaration&lt;br&gt;%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
⚠ %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::MaterialLegend</name>
    <message>
        <source>Organic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective Z below about 10: plastics, food, paper, drugs, explosives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inorganic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective Z about 10 to 18: glass, aluminium, salts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective Z above about 18: steel, copper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impenetrable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too dense for the beam: it hides what is behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Density slice: the pixels whose value lies in this band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::OfficerWorkspace</name>
    <message>
        <source>Screening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in, then select a case in the work queue and press Enter to view its scan beside the manifest and risk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;next case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case waits for a decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: this case is not yours to decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: opened for review; only a screening officer decides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every case in your queue has a decision. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The next case could not be opened: choose one in the work queue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::RiskChart</name>
    <message>
        <source>Points each factor adds to (red) or takes from (green) the score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>takes away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::RiskPanel</name>
    <message>
        <source>%1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No risk assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score, level and the factors behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rules %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rule fired for this shipment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::ScanPanel</name>
    <message>
        <source>This case has no scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the scan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the scan for display… %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This scan has a single energy: material colour is not available, shown in grey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loupe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Magnifier: three times the zoom around the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom and pan the views of the scan together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the whole scan in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1:1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One screen pixel per scan pixel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+</source>
        <comment>zoom in</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−</source>
        <comment>zoom out</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey: the scan&apos;s own contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Material colour: organic, inorganic, metal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organic only: the rest greyed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inorganic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inorganic and metal only: organic greyed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Density slice: one band of values in colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest value painted (rescaled units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest value painted (rescaled units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invert grey: black on white</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLAHE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local contrast (adaptive histogram equalisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edge enhancement (unsharp mask)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic window (right-drag on the scan sets it by hand)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::SessionLock</name>
    <message>
        <source>Workstation locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this session; the open case stays claimed and every decision already made is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Enter this officer&apos;s password to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 can unlock this session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::SupervisorWorkspace</name>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit — coming in this release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browsing decisions, overriding them, recording examination results and verifying the audit trail will be done here. Until then, review cases read-only in the Screening mode (Ctrl+1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::SyncIndicator</name>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sync: …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the work of this workstation to headquarters and fetch new cases now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: off (this workstation works alone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · %n to send</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n scans to fetch</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n refused by HQ</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Headquarters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last success: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases waiting for their scans: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases that could not be added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk rules from headquarters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest rules refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync.json cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sync.json beside the database: decisions stay on this workstation until sync is configured (prescreen-cli sync configure).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::TrainerWorkspace</name>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training — coming in this release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building training sets from decided cases, running training sessions and scoring them will be done here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::WorkQueueModel</name>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>risk score, level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargo control no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prescreen::ui::WorkQueuePanel</name>
    <message>
        <source>To screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which cases to list: “To screen” is queued and open ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium and high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>100 Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Courier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>99 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to see the work queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) loaded, more as you scroll</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
