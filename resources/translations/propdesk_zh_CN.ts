<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录类型</translation>
    </message>
    <message>
        <source>Number, e.g. TS-20261124-003</source>
        <translation>编号，如 TS-20261124-003</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n}+ entries</source>
        <translation>共 {n}+ 条</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在生成 {file}…</translation>
    </message>
    <message>
        <source>Writing {file}…
{n} entries</source>
        <translation>正在生成 {file}…
已写 {n} 条</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：没有生成文件。</translation>
    </message>
    <message>
        <source>{n} entries written to
{path}</source>
        <translation>已写入 {n} 条：
{path}</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>操作日志(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>BackupDialogs</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Cancelled: no backup was written.</source>
        <translation>已取消：没有写入备份。</translation>
    </message>
    <message>
        <source>A copy of the database was written to
{path}</source>
        <translation>数据库副本已写入：
{path}</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>PropDesk backups (*{suffix})</source>
        <translation>PropDesk 备份 (*{suffix})</translation>
    </message>
    <message>
        <source>Replace the whole database with the backup
{file}
made {when}?

Everything entered after that backup will no longer be in PropDesk. The database as it is now is kept in the backup folder first. Ask the other desks to stop working until it is done.</source>
        <translation>用备份
{file}
（{when} 生成）替换整个数据库吗？

该备份之后录入的内容将不再出现在 PropDesk 中。当前的数据库会先保存到备份文件夹。恢复完成之前，请其他电脑暂停操作。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Backing up the database: {done} of {total} tables done…</source>
        <translation>正在备份数据库：已完成 {done}/{total} 张表…</translation>
    </message>
    <message>
        <source>Restoring the backup: {done} of {total} steps done…</source>
        <translation>正在恢复备份：已完成 {done}/{total} 步…</translation>
    </message>
    <message>
        <source>Cancelled: the database was not changed.</source>
        <translation>已取消：数据库没有任何改动。</translation>
    </message>
    <message>
        <source>The backup was restored. The database as it was before is kept in
{aside}

PropDesk closes now; start it again and sign in.</source>
        <translation>备份已恢复。恢复前的数据库保存在
{aside}

PropDesk 现在关闭，请重新启动并登录。</translation>
    </message>
    <message>
        <source>Restoring needs a supervisor or administrator: sign in with your account as it was in the backup
{file}</source>
        <translation>恢复需要主管或管理员：请用您在以下备份中的账号登录
{file}</translation>
    </message>
    <message>
        <source>Sign in to restore</source>
        <translation>登录以恢复</translation>
    </message>
    <message>
        <source>The database file is missing (deleted or moved):
{path}</source>
        <translation>数据库文件不见了（已被删除或移动）：
{path}</translation>
    </message>
    <message>
        <source>The database file is damaged and cannot be opened:
{path}</source>
        <translation>数据库文件已损坏，无法打开：
{path}</translation>
    </message>
    <message>
        <source>This file is not a PropDesk database:
{path}</source>
        <translation>该文件不是 PropDesk 数据库：
{path}</translation>
    </message>
    <message>
        <source>No usable backup was found in
{folder}

The file has not been changed. Ask for help: details are in the log file.</source>
        <translation>在以下文件夹中没有找到可用的备份：
{folder}

数据库文件没有被改动。请联系技术支持，详情见日志文件。</translation>
    </message>
    <message>
        <source>Restore the latest good backup?
{file}  (made {when})

The damaged file is kept in the backup folder. Whatever was entered after that backup is not in it.</source>
        <translation>要恢复最新的完好备份吗？
{file}（{when} 生成）

损坏的文件会保存在备份文件夹中。该备份之后录入的内容不在其中。</translation>
    </message>
    <message>
        <source>The backup {file} was restored. PropDesk starts now.</source>
        <translation>备份 {file} 已恢复，PropDesk 现在启动。</translation>
    </message>
    <message>
        <source>The automatic backup could not be made:
{reason}</source>
        <translation>无法完成自动备份：
{reason}</translation>
    </message>
    <message>
        <source>PropDesk is already open on this computer. Use the window that is open (look in the taskbar).</source>
        <translation>PropDesk 已在这台电脑上打开。请使用已打开的窗口（在任务栏中查找）。</translation>
    </message>
    <message>
        <source>PropDesk may already be open (on {host}), or it did not close properly last time.

Open it anyway? Only do so if you are sure no other PropDesk is using this data folder.</source>
        <translation>PropDesk 可能已经打开（在 {host} 上），或者上次没有正常关闭。

仍然打开吗？只有在确定没有其他 PropDesk 使用这个数据文件夹时才这样做。</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <source>Other days: Monday to Friday are working days.</source>
        <translation>其他日期：周一至周五为工作日。</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>年份(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Import a schedule file...</source>
        <translation>导入节假日安排文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Save an empty tem&amp;plate...</source>
        <translation>保存空白模板(&amp;P)…</translation>
    </message>
    <message>
        <source>Official schedule</source>
        <translation>国家节假日安排</translation>
    </message>
    <message>
        <source>Built in up to {last}. For a later year, fill the template from the State Council's notice (holidays and make-up working days) and import it.</source>
        <translation>已内置到 {last} 年。以后的年份，请按国务院办公厅的通知（放假和调休上班日期）填写模板后导入。</translation>
    </message>
    <message>
        <source>Tick when every public holiday and make-up working day of the year is entered: until then the desk is warned about deadlines in that year.</source>
        <translation>该年所有法定节假日和调休上班日都录入后再勾选；在此之前，时限落在该年的案件受理时会提醒前台。</translation>
    </message>
    <message>
        <source>e.g. 春节, staff training</source>
        <translation>如 春节、员工培训</translation>
    </message>
    <message>
        <source>&amp;Mark these days</source>
        <translation>标记这些日期(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Unmark</source>
        <translation>取消标记(&amp;U)</translation>
    </message>
    <message>
        <source>Remove the office's own marks: the built-in calendar applies again</source>
        <translation>去掉本中心自己标记的日期，恢复内置日历</translation>
    </message>
    <message>
        <source>Days by hand</source>
        <translation>手工标记日期</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>开始日期(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>结束日期(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>说明(&amp;N)</translation>
    </message>
    <message>
        <source>Click a day in the calendar to pick it.</source>
        <translation>在日历上点击日期即可选中。</translation>
    </message>
    <message>
        <source>{year}'s official schedule is &amp;complete</source>
        <translation>{year} 年法定安排已全部录入(&amp;C)</translation>
    </message>
    <message>
        <source>{year}: the statutory schedule (built in).</source>
        <translation>{year} 年：国家法定节假日安排（内置）。</translation>
    </message>
    <message>
        <source>{year}: the official schedule as entered by the office.</source>
        <translation>{year} 年：本中心录入的国家节假日安排。</translation>
    </message>
    <message>
        <source>{year}: some days are entered, but the year is not marked complete: deadlines count Monday to Friday until it is.</source>
        <translation>{year} 年：已录入部分日子，但该年尚未标记为完整（未标记）：标记前时限按周一至周五计算。</translation>
    </message>
    <message>
        <source>{year}: no official schedule yet. Deadlines count Monday to Friday until it is entered.</source>
        <translation>{year} 年：尚无国家节假日安排，录入之前时限按周一至周五计算。</translation>
    </message>
    <message>
        <source>{h} weekdays off, {w} make-up working days, {c} office closed days.</source>
        <translation>放假的工作日 {h} 天，调休上班 {w} 天，本中心停业 {c} 天。</translation>
    </message>
    <message>
        <source>working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>{day}: {kind}</source>
        <translation>{day}：{kind}</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>entered by the office</source>
        <translation>本中心录入</translation>
    </message>
    <message>
        <source>{day}: {kind} {note} ({source})</source>
        <translation>{day}：{kind} {note}（{source}）</translation>
    </message>
    <message>
        <source>{year} is marked complete.</source>
        <translation>{year} 年已标记为完整。</translation>
    </message>
    <message>
        <source>{year} is no longer marked complete.</source>
        <translation>{year} 年已取消“完整”标记。</translation>
    </message>
    <message>
        <source>{n} days changed.</source>
        <translation>已修改 {n} 天。</translation>
    </message>
    <message>
        <source>Import a holiday schedule</source>
        <translation>导入节假日安排</translation>
    </message>
    <message>
        <source>Schedule (*.csv *.xlsx)</source>
        <translation>节假日安排 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>{name}: {off} days off and {work} make-up working days in {years}.

Enter this as the official schedule? It replaces the holidays and make-up days entered before for that year; the office's closed days stay.</source>
        <translation>{name}：{years} 年放假 {off} 天，调休上班 {work} 天。

按此录入国家节假日安排？将替换此前录入的该年放假和调休上班日期；本中心的停业日保留。</translation>
    </message>
    <message>
        <source>This file is marked as an EXAMPLE: it is not the official schedule.</source>
        <translation>此文件标明为“示例”，不是国家正式公布的节假日安排。</translation>
    </message>
    <message>
        <source>{year}: schedule entered.</source>
        <translation>{year} 年节假日安排已录入。</translation>
    </message>
    <message>
        <source>Save an empty template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Template saved: {name}</source>
        <translation>模板已保存：{name}</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <source>Callback {number} for {case}</source>
        <translation>回访 {number}（{case}）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理经过</translation>
    </message>
    <message>
        <source>Owner reached</source>
        <translation>已联系上业主</translation>
    </message>
    <message>
        <source>- choose -</source>
        <translation>- 请选择 -</translation>
    </message>
    <message>
        <source>Attempts so far: {n}</source>
        <translation>已回访次数：{n}</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>回访方式(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Satisfaction</source>
        <translation>满意度(&amp;S)</translation>
    </message>
    <message>
        <source>Owner's &amp;words</source>
        <translation>业主意见(&amp;W)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Result of this call</source>
        <translation>本次回访结果</translation>
    </message>
    <message>
        <source>&lt;b&gt;{case}&lt;/b&gt;  unit {unit}&lt;br&gt;{what}&lt;br&gt;Result: {result}&lt;br&gt;Call back by {due} (promised by {promised})</source>
        <translation>&lt;b&gt;{case}&lt;/b&gt;  房号 {unit}&lt;br&gt;{what}&lt;br&gt;处理结果：{result}&lt;br&gt;回访期限 {due}（承诺 {promised} 前）</translation>
    </message>
</context>
<context>
    <name>CallbackTab</name>
    <message>
        <source>Due today</source>
        <translation>今日待回访</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期未回访</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>以后待回访</translation>
    </message>
    <message>
        <source>All not yet made</source>
        <translation>全部待回访</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All clerks</source>
        <translation>全部回访人</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Complaints and repairs</source>
        <translation>投诉和报修</translation>
    </message>
    <message>
        <source>Search number, unit, name or phone</source>
        <translation>搜索编号、房号、姓名或电话</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>上一周</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>下一周</translation>
    </message>
    <message>
        <source>Week:</source>
        <translation>本周：</translation>
    </message>
    <message>
        <source>&amp;Call back…  (Enter)</source>
        <translation>回访(&amp;C)…  (回车)</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>改期(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>接手(&amp;T)</translation>
    </message>
    <message>
        <source>{wd} {m}/{d}: {n}</source>
        <translation>周{wd} {m}/{d}：{n}</translation>
    </message>
    <message>
        <source>{n}+ callbacks</source>
        <translation>共 {n}+ 条回访</translation>
    </message>
    <message>
        <source>{n} callbacks</source>
        <translation>共 {n} 条回访</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>{n} calls without an answer: visit the owner instead.</source>
        <translation>已 {n} 次无人接听：建议上门回访。</translation>
    </message>
    <message>
        <source>The owner is not satisfied: the case was sent back for handling, the supervisor is told, and callback {number} is due on {due}.</source>
        <translation>业主不满意：已退回重新处理并报主管，回访 {number} 须在 {due} 前完成。</translation>
    </message>
    <message>
        <source>Move the callback</source>
        <translation>回访改期</translation>
    </message>
    <message>
        <source>New day</source>
        <translation>新日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CallerLookup</name>
    <message>
        <source>Unit: {unit}</source>
        <translation>房屋：{unit}</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Case record</source>
        <translation>案件记录</translation>
    </message>
    <message>
        <source>Timeline (every action, who and when)</source>
        <translation>处理经过（每一步：谁、何时、做了什么）</translation>
    </message>
    <message>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>&amp;Reply…</source>
        <translation>登记回复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Handling…</source>
        <translation>处理记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Head &amp;told</source>
        <translation>已报告主任(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Escalate…</source>
        <translation>升级(&amp;E)…</translation>
    </message>
    <message>
        <source>Ho&amp;ld…</source>
        <translation>暂停(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>备注(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Close case…</source>
        <translation>办结(&amp;C)…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>重新处理(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Void…</source>
        <translation>作废(&amp;V)…</translation>
    </message>
    <message>
        <source>Complaint {number}</source>
        <translation>投诉 {number}</translation>
    </message>
    <message>
        <source>group complaint</source>
        <translation>群体投诉</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>无效投诉</translation>
    </message>
    <message>
        <source>office head NOT yet told</source>
        <translation>尚未报告主任</translation>
    </message>
    <message>
        <source>Reply by {t}</source>
        <translation>回复时限 {t}</translation>
    </message>
    <message>
        <source>Resolve by {t}</source>
        <translation>办结时限 {t}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>(public area)</source>
        <translation>（公共区域）</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>发生地点</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修工</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Work orders for this complaint</source>
        <translation>本投诉的派工单</translation>
    </message>
    <message>
        <source>&amp;Print forms</source>
        <translation>打印表格(&amp;P)</translation>
    </message>
    <message>
        <source>客户信息登记表 and 客户意见处理记录表 as a PDF, opened for printing</source>
        <translation>客户信息登记表和客户意见处理记录表（PDF，打开后打印）</translation>
    </message>
    <message>
        <source>&amp;Work order…</source>
        <translation>派工单(&amp;W)…</translation>
    </message>
    <message>
        <source>on hold since {at}</source>
        <translation>{at} 起暂停</translation>
    </message>
    <message>
        <source>repeat of {number}</source>
        <translation>{number} 的重复投诉</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>People involved</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>是否有效</translation>
    </message>
    <message>
        <source>no: {reason}</source>
        <translation>无效：{reason}</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>出示证据</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事情经过</translation>
    </message>
    <message>
        <source>Customer's request</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复客户</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Customer's opinion</source>
        <translation>投诉人意见</translation>
    </message>
    <message>
        <source>  (signed)</source>
        <translation>（已签字）</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Office head told</source>
        <translation>已报告主任</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未回复</translation>
    </message>
    <message>
        <source>call back {at}</source>
        <translation>约定回访 {at}</translation>
    </message>
    <message>
        <source>Enter or a double-click opens the work order</source>
        <translation>回车或双击打开派工单</translation>
    </message>
    <message>
        <source>Resu&amp;me</source>
        <translation>恢复计时(&amp;M)</translation>
    </message>
    <message>
        <source>Tell the &amp;reason…</source>
        <translation>告知无效原因(&amp;R)…</translation>
    </message>
    <message>
        <source>An invalid complaint is answered with the reason within 1 working day.</source>
        <translation>无效投诉须在 1 个工作日内向客户说明原因。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <source>Handling record (客户意见处理记录表)</source>
        <translation>处理记录（客户意见处理记录表）</translation>
    </message>
    <message>
        <source>Responsible department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Cause found</source>
        <translation>调查原因</translation>
    </message>
    <message>
        <source>The customer signed the record</source>
        <translation>投诉人已签字确认</translation>
    </message>
    <message>
        <source>End the hold</source>
        <translation>结束暂停</translation>
    </message>
    <message>
        <source>The resolve deadline moves on by the working time the case was on hold.</source>
        <translation>办结时限顺延暂停期间的工作时间。</translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>等待原因</translation>
    </message>
    <message>
        <source>While on hold the resolve clock stops; the reply deadline still counts.</source>
        <translation>暂停期间办结时限停止计时；回复时限照常计算。</translation>
    </message>
    <message>
        <source>Work order for {number}</source>
        <translation>为 {number} 开派工单</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>The work order goes to the dispatch board; its contact and unit come from the complaint.</source>
        <translation>派工单进入派工台；联系人和房号取自投诉。</translation>
    </message>
    <message>
        <source>When the head was told</source>
        <translation>报告主任的时间</translation>
    </message>
    <message>
        <source>How and what was said</source>
        <translation>如何报告、报告内容</translation>
    </message>
    <message>
        <source>Record that the office head was told of this major or group complaint.</source>
        <translation>登记已将此重大/群体投诉报告管理处主任。</translation>
    </message>
    <message>
        <source>the supervisor</source>
        <translation>客服主管</translation>
    </message>
    <message>
        <source>the office head</source>
        <translation>管理处主任</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>To</source>
        <translation>升级至</translation>
    </message>
    <message>
        <source>Note on the case</source>
        <translation>案件备注</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Time agreed to call back</source>
        <translation>约定回访时间</translation>
    </message>
    <message>
        <source>Everyone who picks up this case sees the note (one answer for one customer).</source>
        <translation>接手此案的每位同事都能看到备注（口径一致）。</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>办结案件</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <source>Reopen the case</source>
        <translation>重新处理</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Void the complaint</source>
        <translation>作废投诉</translation>
    </message>
    <message>
        <source>A voided complaint keeps its number and stays in the records.</source>
        <translation>作废的投诉保留编号，仍留在记录中。</translation>
    </message>
</context>
<context>
    <name>CategoryEditor</name>
    <message>
        <source>Category</source>
        <translation>业务分类</translation>
    </message>
    <message>
        <source>Usual department</source>
        <translation>默认责任部门</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Categor&amp;y name</source>
        <translation>类别名称(&amp;Y)</translation>
    </message>
    <message>
        <source>Usual &amp;department</source>
        <translation>默认责任部门(&amp;D)</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Intake suggests this department when the category is chosen.</source>
        <translation>受理时选中此分类，会自动建议该部门。</translation>
    </message>
    <message>
        <source>- none -</source>
        <translation>- 无 -</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>{name} ({user})</source>
        <translation>{name}（{user}）</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>当前密码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>New password &amp;again</source>
        <translation>再输入一次新密码(&amp;A)</translation>
    </message>
    <message>
        <source>At least {n} characters; not your user name; not a demo office password such as admin123.</source>
        <translation>至少 {n} 个字符；不能与用户名相同；不能是 admin123 之类的演示办公室密码。</translation>
    </message>
    <message>
        <source>&amp;Save the new password</source>
        <translation>保存新密码(&amp;S)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ComplaintListPanel</name>
    <message>
        <source>Search number, unit, phone, name or any words of the description</source>
        <translation>搜索编号、房号、电话、姓名或投诉内容中的任意字词</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>All (not voided)</source>
        <translation>全部（不含作废）</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看超时</translation>
    </message>
    <message>
        <source>Click or press Esc to remove this filter</source>
        <translation>点击或按 Esc 取消此筛选</translation>
    </message>
    <message>
        <source>E&amp;xport / print…</source>
        <translation>导出/打印(&amp;X)…</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>{n}+ complaints</source>
        <translation>共 {n}+ 条投诉</translation>
    </message>
    <message>
        <source>{n} complaints</source>
        <translation>共 {n} 条投诉</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Connection to the server lost: nothing can be saved now; what you type is kept. Reconnecting…</source>
        <translation>与服务器的连接已断开：现在无法保存，已输入的内容会保留。正在重新连接…</translation>
    </message>
    <message>
        <source>PropDesk tries again every few seconds and on your next action; this sign goes away as soon as the server answers.</source>
        <translation>PropDesk 每隔几秒以及在您下一次操作时都会重试；服务器一有应答，此提示就会消失。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>&amp;Monthly fee summary…</source>
        <translation>收费月度汇总(&amp;M)…</translation>
    </message>
    <message>
        <source>Due and overdue now</source>
        <translation>到期与逾期</translation>
    </message>
    <message>
        <source>Waiting for the supervisor</source>
        <translation>待主管处理</translation>
    </message>
    <message>
        <source>This week so far</source>
        <translation>本周至今</translation>
    </message>
    <message>
        <source>&amp;Weekly summary…</source>
        <translation>周报(&amp;W)…</translation>
    </message>
    <message>
        <source>The summary of paid-service fees for {month} is not produced yet: it goes to the cashier by {due}.</source>
        <translation>{month} 的有偿服务费汇总还没有生成：须于 {due} 前交收款部门。</translation>
    </message>
    <message>
        <source>Complaints: &lt;b&gt;{n}&lt;/b&gt; (last week {n0}) · replied on time: &lt;b&gt;{reply}&lt;/b&gt; · resolved on time: &lt;b&gt;{resolve}&lt;/b&gt; · repairs: &lt;b&gt;{wo}&lt;/b&gt; (last week {wo0})&lt;br&gt;Callbacks within 3 working days: &lt;b&gt;{cb}&lt;/b&gt; · satisfaction: &lt;b&gt;{sat}&lt;/b&gt; (target 90%)</source>
        <translation>投诉：&lt;b&gt;{n}&lt;/b&gt; 件（上周 {n0}）· 按时回复：&lt;b&gt;{reply}&lt;/b&gt; · 按时办结：&lt;b&gt;{resolve}&lt;/b&gt; · 报修：&lt;b&gt;{wo}&lt;/b&gt; 件（上周 {wo0}）&lt;br&gt;3 个工作日内回访：&lt;b&gt;{cb}&lt;/b&gt; · 满意率：&lt;b&gt;{sat}&lt;/b&gt;（目标 90%）</translation>
    </message>
</context>
<context>
    <name>DeadlinesTab</name>
    <message>
        <source>Complaints: deadlines counted from receipt</source>
        <translation>投诉时限（从受理时起算）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Reply within</source>
        <translation>回复时限</translation>
    </message>
    <message>
        <source>Resolved within</source>
        <translation>处理完毕时限</translation>
    </message>
    <message>
        <source>Invalid (reason told)</source>
        <translation>无效投诉（告知原因）</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <source>Hours run on the clock; working days skip weekends and holidays (see the working calendar).</source>
        <translation>小时按自然时间计算；工作日跳过周末和节假日（见工作日历）。</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source> attempts</source>
        <translation> 次</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Callbacks, repairs and repeat complaints</source>
        <translation>回访、报修与重复投诉</translation>
    </message>
    <message>
        <source>Callback within</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <source>Callback attempts before a visit is suggested</source>
        <translation>电话回访几次未果后建议上门</translation>
    </message>
    <message>
        <source>Urgent repair (急修) to engineering within</source>
        <translation>急修移交工程部时限</translation>
    </message>
    <message>
        <source>Ordinary repair to engineering within</source>
        <translation>一般报修移交工程部时限</translation>
    </message>
    <message>
        <source>Same unit and category again within (repeat complaint)</source>
        <translation>同一房号同类投诉再次发生（重复投诉）的期限</translation>
    </message>
    <message>
        <source> (day of each month)</source>
        <translation> 日（每月）</translation>
    </message>
    <message>
        <source>Paid services: the cashier's month</source>
        <translation>有偿服务：收费月份</translation>
    </message>
    <message>
        <source>Cut-off day: the month's fees go to the cashier by</source>
        <translation>截止日：当月费用在每月此日前交收款部门</translation>
    </message>
    <message>
        <source>The dashboard reminds of the summary from</source>
        <translation>工作台自每月此日起提醒生成汇总</translation>
    </message>
    <message>
        <source>A cashier's month runs from the day after the cut-off day of the month before to the cut-off day; a fee already recorded keeps its month.</source>
        <translation>收费月份从上月截止日的次日起至本月截止日止；已登记的费用保留原收费月份。</translation>
    </message>
    <message>
        <source>Changes apply to complaints and work orders taken from now on: deadlines already given to a case stay as they are. Every change is written to the audit log (who, when, old and new value).</source>
        <translation>修改只对此后受理的投诉和派工单生效，已受理案件的时限保持不变。每次修改都记入操作日志（谁、何时、原值和新值）。</translation>
    </message>
    <message>
        <source>Restore the &amp;defaults</source>
        <translation>恢复默认值(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Restore the defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Set every deadline back to the office procedure's values (major: reply 2 hours, resolve 3 working days; callbacks within 3 working days; ...)?</source>
        <translation>把所有时限恢复为服务中心制度规定的数值（重大投诉：2 小时内回复、3 个工作日内处理完毕；3 个工作日内回访；……）？</translation>
    </message>
    <message>
        <source>Saved: {n} values changed.</source>
        <translation>已保存：改动了 {n} 项。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
</context>
<context>
    <name>DepartmentEditor</name>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>名称(&amp;M)</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>&amp;In use</source>
        <translation>在用(&amp;I)</translation>
    </message>
</context>
<context>
    <name>DispatchBoard</name>
    <message>
        <source>Search number, unit, phone, contact or task</source>
        <translation>搜索编号、房号、电话、联系人或维修内容</translation>
    </message>
    <message>
        <source>Not yet signed off</source>
        <translation>未验收</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All technicians</source>
        <translation>全部维修工</translation>
    </message>
    <message>
        <source>Any urgency</source>
        <translation>全部紧急程度</translation>
    </message>
    <message>
        <source>Not handed over in time</source>
        <translation>未按时派工</translation>
    </message>
    <message>
        <source>&amp;Assign…</source>
        <translation>派工(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Result…</source>
        <translation>完工登记(&amp;R)…</translation>
    </message>
    <message>
        <source>S&amp;lip back</source>
        <translation>回执已交回(&amp;L)</translation>
    </message>
    <message>
        <source>Sign &amp;off…</source>
        <translation>验收(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Cancel order…</source>
        <translation>取消派工单(&amp;C)…</translation>
    </message>
    <message>
        <source>Print today's notices</source>
        <translation>打印今日派工单</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修工</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>单数</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>安排</translation>
    </message>
    <message>
        <source>Technicians' day (who is free)</source>
        <translation>维修工当日安排（谁有空）</translation>
    </message>
    <message>
        <source>{n} work orders</source>
        <translation>共 {n} 张派工单</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>No work order is handed over or scheduled today.</source>
        <translation>今天没有已派工或预约的派工单。</translation>
    </message>
    <message>
        <source>notices_{day}</source>
        <translation>维修通知单_{day}</translation>
    </message>
    <message>
        <source>Assign {number}</source>
        <translation>派工 {number}</translation>
    </message>
    <message>
        <source>- none -</source>
        <translation>- 无 -</translation>
    </message>
    <message>
        <source>What is broken</source>
        <translation>报修内容</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Repair category</source>
        <translation>报修类别</translation>
    </message>
    <message>
        <source>Paid service (有偿服务)</source>
        <translation>有偿服务</translation>
    </message>
    <message>
        <source>Owner's agreement (when made paid)</source>
        <translation>业主同意付费（改为有偿时）</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>Edit {number}</source>
        <translation>修改 {number}</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Technician arrived</source>
        <translation>维修工到场</translation>
    </message>
    <message>
        <source>Fees unpaid</source>
        <translation>费用未收</translation>
    </message>
    <message>
        <source>Quote awaiting approval</source>
        <translation>报价待审批</translation>
    </message>
    <message>
        <source>Show all open orders (Esc)</source>
        <translation>显示全部未验收工单 (Esc)</translation>
    </message>
    <message>
        <source>Arri&amp;ved</source>
        <translation>已到场(&amp;V)</translation>
    </message>
    <message>
        <source>Rewor&amp;k…</source>
        <translation>返工(&amp;K)…</translation>
    </message>
    <message>
        <source>Fees (pa&amp;id services)…</source>
        <translation>收费(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Edit order…</source>
        <translation>修改派工单(&amp;E)…</translation>
    </message>
    <message>
        <source>Hold / resu&amp;me…</source>
        <translation>暂停/恢复(&amp;M)…</translation>
    </message>
    <message>
        <source>Pri&amp;nt notice</source>
        <translation>打印维修通知单(&amp;N)</translation>
    </message>
    <message>
        <source>{n}+ work orders</source>
        <translation>共 {n}+ 张派工单</translation>
    </message>
    <message>
        <source>Showing the dashboard's "{tile}": {state}{late}</source>
        <translation>正在显示工作台的“{tile}”：{state}{late}</translation>
    </message>
    <message>
        <source>, not handed over in time</source>
        <translation>，未按时派工</translation>
    </message>
    <message>
        <source>{name} ({dept}, {n} jobs today)</source>
        <translation>{name}（{dept}，今日 {n} 单）</translation>
    </message>
    <message>
        <source>Goes to the customer at</source>
        <translation>上门时间</translation>
    </message>
    <message>
        <source>Assign the redo of {number}</source>
        <translation>返工派工 {number}</translation>
    </message>
    <message>
        <source>New agreed time from</source>
        <translation>新约定时间 从</translation>
    </message>
    <message>
        <source>New agreed time until</source>
        <translation>新约定时间 至</translation>
    </message>
    <message>
        <source>Agree a new time with the owner: the first visit's time is not the redo's.</source>
        <translation>请与业主重新约定上门时间：上次上门的时间不再适用于返工。</translation>
    </message>
    <message>
        <source>Arrival time</source>
        <translation>到场时间</translation>
    </message>
    <message>
        <source>Finish time</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>维修结果</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>用料</translation>
    </message>
    <message>
        <source>Price list item</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Material charged</source>
        <translation>收费材料</translation>
    </message>
    <message>
        <source>Material price (yuan)</source>
        <translation>材料费（元）</translation>
    </message>
    <message>
        <source>Chargeable after all: how the owner agreed</source>
        <translation>上门后需收费：业主如何同意</translation>
    </message>
    <message>
        <source>The return slip came back signed by the customer</source>
        <translation>回执联已交回，客户已签字</translation>
    </message>
    <message>
        <source>Result of {number}</source>
        <translation>{number} 完工登记</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>NOT back</source>
        <translation>未交回</translation>
    </message>
    <message>
        <source>{number}: {task}</source>
        <translation>{number}：{task}</translation>
    </message>
    <message>
        <source>Technician: {name}; arrived {a}, finished {f}</source>
        <translation>维修工：{name}；到场 {a}，完成 {f}</translation>
    </message>
    <message>
        <source>Result: {result}</source>
        <translation>维修结果：{result}</translation>
    </message>
    <message>
        <source>Materials: {materials}</source>
        <translation>所用材料：{materials}</translation>
    </message>
    <message>
        <source>Fee: ¥{fee}</source>
        <translation>费用：¥{fee}</translation>
    </message>
    <message>
        <source>Signed return slip back: {slip}</source>
        <translation>签字回执已交回：{slip}</translation>
    </message>
    <message>
        <source>Supervisor's check</source>
        <translation>主管验收</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Sign off the job: the return slip is signed and the work is accepted.</source>
        <translation>验收签字：回执联已签字，维修合格。</translation>
    </message>
    <message>
        <source>Send back for rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>Why is the customer not satisfied?</source>
        <translation>客户哪里不满意？</translation>
    </message>
    <message>
        <source>The same order gets a new round; the first result is kept.</source>
        <translation>同一张派工单重新维修；上一轮结果保留。</translation>
    </message>
    <message>
        <source>End the hold</source>
        <translation>结束暂停</translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>等待原因</translation>
    </message>
    <message>
        <source>Cancel the work order</source>
        <translation>取消派工单</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>EstateEditor</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>名称(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>In &amp;use</source>
        <translation>在用(&amp;U)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export or print a register</source>
        <translation>导出或打印台账</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <source>PDF for printing (.pdf)</source>
        <translation>打印用 PDF (.pdf)</translation>
    </message>
    <message>
        <source>&amp;Mask phone numbers (138****5678), e.g. for a notice board</source>
        <translation>隐藏电话中间四位（138****5678），如用于公告栏(&amp;M)</translation>
    </message>
    <message>
        <source>Only what the list shows &amp;now (its filters)</source>
        <translation>只导出列表当前显示的内容（按当前筛选）(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>台账(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>起始日期(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>截止日期(&amp;T)</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing {file}…
{done} of {total} lines</source>
        <translation>正在生成 {file}…
已写 {done} / {total} 行</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在生成 {file}…</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：没有生成文件。</translation>
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation>无法写入文件：{error}</translation>
    </message>
    <message>
        <source>{n} lines written to
{path}

Print it now?</source>
        <translation>已写入 {n} 条记录：
{path}

现在打印吗？</translation>
    </message>
    <message>
        <source>{n} lines written to
{path}

Open it now?</source>
        <translation>已写入 {n} 行：
{path}

现在打开吗？</translation>
    </message>
</context>
<context>
    <name>FeeDialog</name>
    <message>
        <source>e.g. the owner agreed on the spot (name, how)</source>
        <translation>如：业主当场同意（姓名、方式）</translation>
    </message>
    <message>
        <source>Make it a &amp;paid service</source>
        <translation>改为有偿服务(&amp;P)</translation>
    </message>
    <message>
        <source>Free service: found chargeable at the visit?</source>
        <translation>无偿服务：上门后发现需要收费？</translation>
    </message>
    <message>
        <source>Owner's agreement</source>
        <translation>业主同意付费</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Approved / voided</source>
        <translation>审批 / 作废</translation>
    </message>
    <message>
        <source>- choose -</source>
        <translation>- 请选择 -</translation>
    </message>
    <message>
        <source>material or quoted work</source>
        <translation>材料或报价内容</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>&amp;Add line</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Void line…</source>
        <translation>作废此项(&amp;V)…</translation>
    </message>
    <message>
        <source>Approve &amp;quote</source>
        <translation>审批报价(&amp;Q)</translation>
    </message>
    <message>
        <source>Fee lines</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Cash, with receipt</source>
        <translation>现金（开收据）</translation>
    </message>
    <message>
        <source>Add to the monthly bill (计入物业费账单)</source>
        <translation>计入物业费账单</translation>
    </message>
    <message>
        <source>&amp;Record payment</source>
        <translation>登记收费(&amp;R)</translation>
    </message>
    <message>
        <source>Void pa&amp;yment…</source>
        <translation>作废收费记录(&amp;Y)…</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Receipt &amp;number</source>
        <translation>收据号(&amp;N)</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Billing month</source>
        <translation>账单月份</translation>
    </message>
    <message>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>Fees of {number}</source>
        <translation>{number} 收费</translation>
    </message>
    <message>
        <source>paid service</source>
        <translation>有偿服务</translation>
    </message>
    <message>
        <source>free service</source>
        <translation>无偿服务</translation>
    </message>
    <message>
        <source>{number}  {unit}  {task} ({kind})</source>
        <translation>{number}  {unit}  {task}（{kind}）</translation>
    </message>
    <message>
        <source>voided: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
    <message>
        <source>approved by {name} {at}</source>
        <translation>{name} 审批 {at}</translation>
    </message>
    <message>
        <source>awaiting a supervisor</source>
        <translation>待主管审批</translation>
    </message>
    <message>
        <source>Total: ¥{total}</source>
        <translation>合计：¥{total}</translation>
    </message>
    <message>
        <source>Not settled.</source>
        <translation>未收费。</translation>
    </message>
    <message>
        <source>Nothing to collect yet.</source>
        <translation>暂无应收费用。</translation>
    </message>
    <message>
        <source>Settled: cash ¥{amount}, receipt {receipt}, collected by {who} on {at}.</source>
        <translation>已收：现金 ¥{amount}，收据 {receipt}，收款人 {who}，{at}。</translation>
    </message>
    <message>
        <source>Settled: ¥{amount} on the {month} property bill.</source>
        <translation>已计入 {month} 物业费账单：¥{amount}。</translation>
    </message>
    <message>
        <source>Voided: {how} ¥{amount} {receipt} of {at}, by {who} on {when}: {reason}</source>
        <translation>已作废：{how} ¥{amount} {receipt}（{at}），{who} 于 {when} 作废：{reason}</translation>
    </message>
    <message>
        <source>amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>unit price (yuan)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <source>found chargeable at the visit</source>
        <translation>上门后发现需收费</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>作废收费项目</translation>
    </message>
    <message>
        <source>Why is this line taken off?</source>
        <translation>为什么去掉这一项？</translation>
    </message>
    <message>
        <source>Void payment</source>
        <translation>作废收费记录</translation>
    </message>
    <message>
        <source>Why is the payment voided? (the receipt number stays used)</source>
        <translation>为什么作废这笔收费？（收据号不再使用）</translation>
    </message>
</context>
<context>
    <name>FeeSummaryDialog</name>
    <message>
        <source>Monthly fee summary for the cashier</source>
        <translation>有偿服务费月度汇总（交收款部门）</translation>
    </message>
    <message>
        <source>PDF for the cashier (.pdf)</source>
        <translation>PDF，交收款部门（.pdf）</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>&amp;Month (day {first} to day {last})</source>
        <translation>月份（{first}日至{last}日）(&amp;M)</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation>无法写入文件：{error}</translation>
    </message>
    <message>
        <source>The fee summary is written to
{path}

Print it now?</source>
        <translation>有偿服务费月度汇总已保存到：
{path}

现在打印吗？</translation>
    </message>
    <message>
        <source>The fee summary is written to
{path}

Open it now?</source>
        <translation>有偿服务费月度汇总已保存到：
{path}

现在打开吗？</translation>
    </message>
    <message>
        <source>Make the summary…</source>
        <translation>生成汇总…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>fee_summary_{month}</source>
        <translation>有偿服务费汇总_{month}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>PropDesk - first start</source>
        <translation>PropDesk - 首次启动</translation>
    </message>
    <message>
        <source>Welcome to PropDesk. This database is empty.

Create the administrator's account for your office, or try PropDesk first with a demo office (sample estates, owners, staff and complaints; its accounts are shown when it is made, e.g. kefu / kefu123 for a clerk).</source>
        <translation>欢迎使用 PropDesk。数据库还是空的。

请为本物业服务中心创建管理员账号；也可以先打开演示物业试用（示例楼盘、业主、员工和投诉；创建后会列出演示账号，如客服 kefu / kefu123）。</translation>
    </message>
    <message>
        <source>as printed on forms, e.g. 阳光花园物业服务中心</source>
        <translation>打印在各种表格上的名称，如：阳光花园物业服务中心</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>服务中心名称</translation>
    </message>
    <message>
        <source>Administrator user name</source>
        <translation>管理员用户名</translation>
    </message>
    <message>
        <source>Administrator name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Create my office</source>
        <translation>创建我的物业服务中心</translation>
    </message>
    <message>
        <source>Open the demo office</source>
        <translation>打开演示物业</translation>
    </message>
    <message>
        <source>Connect to the office's server…</source>
        <translation>连接办公室的服务器…</translation>
    </message>
    <message>
        <source>Several desks share one database on the office's PostgreSQL server: this desk remembers it.</source>
        <translation>多台电脑共用办公室 PostgreSQL 服务器上的同一个数据库：本机会记住该服务器。</translation>
    </message>
    <message>
        <source>Enter the office's name: it is printed on every form.</source>
        <translation>请填写服务中心名称：所有表格上都会打印。</translation>
    </message>
    <message>
        <source>Enter the administrator's name and user name.</source>
        <translation>请填写管理员的姓名和用户名。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Saving the password…</source>
        <translation>正在保存密码…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import the owner roster</source>
        <translation>导入业主档案</translation>
    </message>
    <message>
        <source>&amp;Choose the workbook…</source>
        <translation>选择 Excel 文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Which column holds what (proposed from the header; change if wrong)</source>
        <translation>各列的内容（按表头自动识别，如有误请修改）</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>as each line says</source>
        <translation>按各行所写</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Entrance</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>New unit</source>
        <translation>新房屋</translation>
    </message>
    <message>
        <source>Name from</source>
        <translation>姓名来源</translation>
    </message>
    <message>
        <source>Unit not on the register</source>
        <translation>档案中没有的房屋</translation>
    </message>
    <message>
        <source>Why it is rejected</source>
        <translation>不能导入的原因</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Names from</source>
        <translation>姓名所在工作表</translation>
    </message>
    <message>
        <source>Estate of lines that name none</source>
        <translation>未写小区的行归入</translation>
    </message>
    <message>
        <source>The lines as they will be stored</source>
        <translation>将要保存的各行</translation>
    </message>
    <message>
        <source>as found</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>- choose -</source>
        <translation>- 请选择 -</translation>
    </message>
    <message>
        <source>{sheets} (read together)</source>
        <translation>{sheets}（合并读取）</translation>
    </message>
    <message>
        <source>Columns of "{sheet}" (the other sheets: the same headers)</source>
        <translation>“{sheet}”的各列（其他工作表按相同表头）</translation>
    </message>
    <message>
        <source>from "{sheet}" {column}</source>
        <translation>取自“{sheet}” {column}</translation>
    </message>
    <message>
        <source>- not in "{sheet}" -</source>
        <translation>- “{sheet}”中没有 -</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Lines that will be rejected</source>
        <translation>不能导入的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Reading the workbook was cancelled.</source>
        <translation>已取消读取工作簿。</translation>
    </message>
    <message>
        <source>- not in the file -</source>
        <translation>- 文件中没有 -</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Create the {n} new units listed above ({lines} lines)</source>
        <translation>新建上面列出的 {n} 套房屋（{lines} 行）</translation>
    </message>
    <message>
        <source>{n} lines will be imported, {r} rejected. Importing again later updates the same owners; nobody is added twice.</source>
        <translation>将导入 {n} 行，{r} 行不能导入。以后再次导入同一文件只会更新，不会重复添加。</translation>
    </message>
</context>
<context>
    <name>IncidentTab</name>
    <message>
        <source>Declare an incident</source>
        <translation>登记突发事件</translation>
    </message>
    <message>
        <source>e.g. 3栋、5栋停水（水泵检修）</source>
        <translation>如 3栋、5栋停水（水泵检修）</translation>
    </message>
    <message>
        <source>single units, e.g. 3栋2单元1201, 5-1-301</source>
        <translation>单独的房号，如 3栋2单元1201, 5-1-301</translation>
    </message>
    <message>
        <source>Expected end:</source>
        <translation>预计结束：</translation>
    </message>
    <message>
        <source>&amp;Declare  (Ctrl+S)</source>
        <translation>登记(&amp;D)  (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>事件名称(&amp;T)</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>影响楼栋</translation>
    </message>
    <message>
        <source>&amp;Units</source>
        <translation>影响房号(&amp;U)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细说明</translation>
    </message>
    <message>
        <source>(No building or unit: the whole estate.)</source>
        <translation>（不选楼栋和房号：影响整个小区。）</translation>
    </message>
    <message>
        <source>Not on the owner register: {units}</source>
        <translation>业主档案中没有：{units}</translation>
    </message>
    <message>
        <source>Declared {number}: intake offers it for calls from that area.</source>
        <translation>已登记 {number}：该区域来电时，受理页面会提示登记为该事件来电。</translation>
    </message>
    <message>
        <source>Show closed incidents</source>
        <translation>显示已结束的事件</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>影响范围</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Expected end</source>
        <translation>预计结束</translation>
    </message>
    <message>
        <source>Callers</source>
        <translation>来电数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>What they said</source>
        <translation>来电内容</translation>
    </message>
    <message>
        <source>Add a &amp;caller…</source>
        <translation>登记来电(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Print the notice list</source>
        <translation>打印通知名单(&amp;P)</translation>
    </message>
    <message>
        <source>C&amp;lose the incident…</source>
        <translation>结束事件(&amp;L)…</translation>
    </message>
    <message>
        <source>Callers of the selected incident</source>
        <translation>所选事件的来电</translation>
    </message>
    <message>
        <source>closed {at}</source>
        <translation>{at} 结束</translation>
    </message>
    <message>
        <source>A call about {number}</source>
        <translation>{number} 来电</translation>
    </message>
    <message>
        <source>Close {number}</source>
        <translation>结束 {number}</translation>
    </message>
    <message>
        <source>How it ended</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Call each caller back (one callback per phone number)</source>
        <translation>逐一回访来电人（每个电话号码一次回访）</translation>
    </message>
    <message>
        <source>Incident closed</source>
        <translation>事件已结束</translation>
    </message>
    <message>
        <source>{number} is closed. {n} callbacks were scheduled.</source>
        <translation>{number} 已结束，已安排 {n} 条回访。</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>mobile or landline; the owner is looked up as you type</source>
        <translation>手机或固话；边输入边查业主档案</translation>
    </message>
    <message>
        <source>e.g. 3栋2单元1201 or 3-2-1201; empty for a public area</source>
        <translation>如 3栋2单元1201 或 3-2-1201；公共区域可不填</translation>
    </message>
    <message>
        <source>Owners and phones of the unit: Enter takes the selected one</source>
        <translation>该户业主及电话：按回车选用</translation>
    </message>
    <message>
        <source>Known:</source>
        <translation>已知：</translation>
    </message>
    <message>
        <source>Invalid complaint (outside our remit)</source>
        <translation>无效投诉（超出职权范围）</translation>
    </message>
    <message>
        <source>The cause is the customer's own: no notice is sent</source>
        <translation>客户自身原因，不发通知</translation>
    </message>
    <message>
        <source>Group complaint (群体投诉)</source>
        <translation>群体投诉</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Cha&amp;nnel</source>
        <translation>受理渠道(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Time received</source>
        <translation>受理时间(&amp;T)</translation>
    </message>
    <message>
        <source>Caller &amp;phone</source>
        <translation>来电电话(&amp;P)</translation>
    </message>
    <message>
        <source>Co&amp;mplainant</source>
        <translation>投诉人(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>房号(&amp;U)</translation>
    </message>
    <message>
        <source>Owners of the unit</source>
        <translation>该户业主</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事情经过</translation>
    </message>
    <message>
        <source>&amp;Where</source>
        <translation>发生地点(&amp;W)</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>People &amp;involved</source>
        <translation>涉及人员(&amp;I)</translation>
    </message>
    <message>
        <source>Customer's &amp;request</source>
        <translation>客户要求(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;vidence shown</source>
        <translation>出示证据(&amp;V)</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Cate&amp;gory</source>
        <translation>投诉类别(&amp;G)</translation>
    </message>
    <message>
        <source>C&amp;lass</source>
        <translation>投诉级别(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>责任部门(&amp;D)</translation>
    </message>
    <message>
        <source>Reason invalid</source>
        <translation>无效原因</translation>
    </message>
    <message>
        <source>The call was added to {number}.</source>
        <translation>已将本次来电记入 {number}。</translation>
    </message>
    <message>
        <source>The call was attached to incident {number}.</source>
        <translation>已将本次来电登记到突发事件 {number}。</translation>
    </message>
    <message>
        <source>Choose the class to see the deadlines.</source>
        <translation>选择投诉级别后显示处理时限。</translation>
    </message>
    <message>
        <source>Reply by {reply}   ·   Resolve by {resolve}</source>
        <translation>回复时限 {reply}   ·   办结时限 {resolve}</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>请检查</translation>
    </message>
    <message>
        <source>Save  (Ctrl+S)</source>
        <translation>保存  (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Clear / new form</source>
        <translation>清空 / 新表单(&amp;C)</translation>
    </message>
    <message>
        <source>What happ&amp;ened</source>
        <translation>事情经过(&amp;E)</translation>
    </message>
    <message>
        <source>Note: the official holidays of {years} are not entered (or the year is not marked complete in Office setup), so these deadlines count Monday to Friday only and may be wrong. Tell the administrator.</source>
        <translation>注意：{years} 年的法定节假日安排尚未录入（或未在服务中心设置中标记为完整），以上时限暂按周一至周五计算，可能不准，请告知管理员。</translation>
    </message>
    <message>
        <source>Saved as {number}. Deadline to resolve: {resolve}.</source>
        <translation>已保存，编号 {number}。办结时限：{resolve}。</translation>
    </message>
    <message>
        <source>Tell the office head</source>
        <translation>报告管理处主任</translation>
    </message>
    <message>
        <source>{number} is a major or group complaint: the office head must be told at once.

Have you told the office head? (Yes records it now; No leaves it as a reminder on the case.)</source>
        <translation>{number} 是重大或群体投诉，必须立即报告管理处主任。

是否已报告主任？（“是”立即登记；“否”在案件上保留提醒。）</translation>
    </message>
    <message>
        <source>New form</source>
        <translation>新表单</translation>
    </message>
    <message>
        <source>Clear the form? What was typed is not saved.</source>
        <translation>清空表单？已填写的内容不会保存。</translation>
    </message>
    <message>
        <source>- choose -</source>
        <translation>- 请选择 -</translation>
    </message>
    <message>
        <source>- by category -</source>
        <translation>- 按类别 -</translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>ListTable</name>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Default columns (as many as fit)</source>
        <translation>默认列（按窗口宽度显示）</translation>
    </message>
</context>
<context>
    <name>ListsTab</name>
    <message>
        <source>Departments receive complaints; each category names the department it usually goes to. Nothing is deleted: an entry no longer used is set "not in use" and stays on old records.</source>
        <translation>投诉由责任部门处理；每个业务分类可指定默认责任部门。条目不会被删除：不再使用的设为“停用”，原有记录上仍保留。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>PropDesk - locked</source>
        <translation>PropDesk - 已锁定</translation>
    </message>
    <message>
        <source>The desk was locked after {n} minutes without use.
{name}, enter your password to go on; someone else signs in with "Switch user".</source>
        <translation>前台已在 {n} 分钟无操作后锁定。
{name}，输入密码继续；换人请点“切换用户”。</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>S&amp;witch user</source>
        <translation>切换用户(&amp;W)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Checking the password…</source>
        <translation>正在核对密码…</translation>
    </message>
    <message>
        <source>PropDesk - sign in</source>
        <translation>PropDesk - 登录</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>PropDesk - {office}</source>
        <translation>PropDesk - {office}</translation>
    </message>
    <message>
        <source>Dashboard (&amp;0)</source>
        <translation>工作台 (&amp;0)</translation>
    </message>
    <message>
        <source>Complaint intake (&amp;1)</source>
        <translation>投诉受理 (&amp;1)</translation>
    </message>
    <message>
        <source>Complaints (&amp;2)</source>
        <translation>投诉台账 (&amp;2)</translation>
    </message>
    <message>
        <source>Work orders (&amp;3)</source>
        <translation>派工 (&amp;3)</translation>
    </message>
    <message>
        <source>Callbacks (&amp;4)</source>
        <translation>回访 (&amp;4)</translation>
    </message>
    <message>
        <source>Incidents (&amp;5)</source>
        <translation>突发事件 (&amp;5)</translation>
    </message>
    <message>
        <source>My jobs (&amp;1)</source>
        <translation>我的工单 (&amp;1)</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Sign &amp;out / switch user</source>
        <translation>注销 / 切换用户(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>锁定前台(&amp;L)</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>Complaint intake</source>
        <translation>投诉受理</translation>
    </message>
    <message>
        <source>Repair call</source>
        <translation>报修登记</translation>
    </message>
    <message>
        <source>&amp;Export or print a register…</source>
        <translation>导出或打印台账(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import the owner roster…</source>
        <translation>导入业主档案(&amp;I)…</translation>
    </message>
    <message>
        <source>The official holiday schedule for {years} is not entered yet: deadlines in those days count Monday to Friday only. Enter the State Council's schedule in Office setup › Calendar and mark the year complete.</source>
        <translation>{years} 年的法定节假日安排尚未录入：这些日子的时限暂按周一至周五计算。请在“服务中心设置 › 工作日历”中录入国务院公布的安排，并把该年标记为完整。</translation>
    </message>
    <message>
        <source>The official holiday schedule for {years} is not entered yet: deadlines in those days count Monday to Friday only. Please remind the administrator.</source>
        <translation>{years} 年的法定节假日安排尚未录入：这些日子的时限暂按周一至周五计算。请提醒管理员录入。</translation>
    </message>
    <message>
        <source>Unsaved form</source>
        <translation>表单未保存</translation>
    </message>
    <message>
        <source>{forms}: what was typed is not saved. Close anyway?</source>
        <translation>{forms}：已填写的内容尚未保存。仍要关闭吗？</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Office setup…</source>
        <translation>服务中心设置(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About PropDesk</source>
        <translation>关于 PropDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Overdue complaints: {n}</source>
        <translation>超时投诉：{n}</translation>
    </message>
    <message>
        <source>Overdue callbacks: {n}</source>
        <translation>逾期回访：{n}</translation>
    </message>
    <message>
        <source>The language changes the next time PropDesk starts.</source>
        <translation>界面语言将在下次启动 PropDesk 时切换。</translation>
    </message>
    <message>
        <source>About PropDesk</source>
        <translation>关于 PropDesk</translation>
    </message>
    <message>
        <source>PropDesk {version}
The front desk of {office}: complaints, work orders, callbacks and registers.</source>
        <translation>PropDesk {version}
{office}客服前台：投诉、派工、回访和台账。</translation>
    </message>
</context>
<context>
    <name>MaybeDateTime</name>
    <message>
        <source>agreed:</source>
        <translation>已约定：</translation>
    </message>
</context>
<context>
    <name>MyJobsTab</name>
    <message>
        <source>Agreed time</source>
        <translation>约定时间</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Arrived</source>
        <translation>已到场(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Result, materials, slip…</source>
        <translation>维修结果、材料、回执(&amp;R)…</translation>
    </message>
    <message>
        <source>Signed slip &amp;back</source>
        <translation>回执已签回(&amp;B)</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>My jobs — {name}: reading…</source>
        <translation>我的工单 — {name}：正在读取…</translation>
    </message>
    <message>
        <source>My jobs — {name}, {day}: {n} today, {m} in all</source>
        <translation>我的工单 — {name}，{day}：今天 {n} 单，共 {m} 单</translation>
    </message>
    <message>
        <source>{state}, slip not back</source>
        <translation>{state}，回执未签回</translation>
    </message>
    <message>
        <source> (rework {n})</source>
        <translation>（返工第 {n} 次）</translation>
    </message>
    <message>
        <source>No job is assigned to you today and none is open.</source>
        <translation>今天没有派给您的工单，也没有未完成的工单。</translation>
    </message>
    <message>
        <source>Address: {a}</source>
        <translation>地址：{a}</translation>
    </message>
    <message>
        <source>Contact: {name} {phone}</source>
        <translation>联系人：{name} {phone}</translation>
    </message>
    <message>
        <source>Agreed time: {t}</source>
        <translation>约定时间：{t}</translation>
    </message>
    <message>
        <source>Task: {task}</source>
        <translation>维修内容：{task}</translation>
    </message>
    <message>
        <source>Arrived: {t}</source>
        <translation>到场：{t}</translation>
    </message>
    <message>
        <source>Result: {r}; materials: {m}</source>
        <translation>结果：{r}；材料：{m}</translation>
    </message>
    <message>
        <source>Paid service: ¥{fee}</source>
        <translation>有偿服务：¥{fee}</translation>
    </message>
    <message>
        <source>Arrived at {number}</source>
        <translation>{number} 到场</translation>
    </message>
    <message>
        <source>Arrival time</source>
        <translation>到场时间</translation>
    </message>
    <message>
        <source>Finish time</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>维修结果</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>所用材料</translation>
    </message>
    <message>
        <source>- approved quote -</source>
        <translation>- 已批准的报价 -</translation>
    </message>
    <message>
        <source>Price list item</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>The return slip came back signed by the customer</source>
        <translation>回执联已由客户签字交回</translation>
    </message>
    <message>
        <source>Result of {number}</source>
        <translation>{number} 的维修结果</translation>
    </message>
</context>
<context>
    <name>PriceEditor</name>
    <message>
        <source>Price item</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Charged per</source>
        <translation>计价单位</translation>
    </message>
    <message>
        <source>Price (yuan)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ser&amp;vice</source>
        <translation>服务项目(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Charged per</source>
        <translation>计价单位(&amp;C)</translation>
    </message>
    <message>
        <source>e.g. 次, 个, 米, 小时</source>
        <translation>如 次、个、米、小时</translation>
    </message>
    <message>
        <source>&amp;Price (yuan)</source>
        <translation>单价（元）(&amp;P)</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>&amp;In use</source>
        <translation>在用(&amp;I)</translation>
    </message>
</context>
<context>
    <name>PricesTab</name>
    <message>
        <source>The standard prices of paid services. A work order charges from this list, or from a quote a supervisor approves. A price change applies to jobs completed from now on.</source>
        <translation>有偿服务的收费标准。派工单按此表收费，或按主管批准的报价收费。调价只对此后完工的工作生效。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print preview - {name}</source>
        <translation>打印预览 - {name}</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>The printer did not take the pages. The PDF is kept here:
{path}</source>
        <translation>打印机未能接收页面。PDF 文件保存在：
{path}</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ProfileTab</name>
    <message>
        <source>e.g. 0755-26881234</source>
        <translation>如 0755-26881234</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>服务中心</translation>
    </message>
    <message>
        <source>Office &amp;name</source>
        <translation>服务中心名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>Printed at the top of every register and form (complaint forms, repair notices, the weekly summary).</source>
        <translation>打印在每份台账和表单的抬头（投诉表、维修通知单、每周统计等）。</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <source>The language of the window on every desk, of the propdesk command and of every register, form and report. The window changes at the next start.</source>
        <translation>各台电脑的窗口、propdesk 命令以及所有台账、表单和报表使用的语言。窗口在下次启动时切换。</translation>
    </message>
    <message>
        <source>Choose a &amp;logo...</source>
        <translation>选择徽标(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Remove the logo</source>
        <translation>去掉徽标(&amp;R)</translation>
    </message>
    <message>
        <source>Logo (optional)</source>
        <translation>徽标（可选）</translation>
    </message>
    <message>
        <source>A PNG or JPEG picture, at most 2 MB. A copy is kept in PropDesk's data folder.</source>
        <translation>PNG 或 JPEG 图片，不超过 2 MB。PropDesk 会在数据文件夹中保存一份副本。</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Save the lock &amp;time</source>
        <translation>保存锁定时间(&amp;T)</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Lock after no use for</source>
        <translation>无操作多久后锁定</translation>
    </message>
    <message>
        <source>Mask phone numbers (138****5678) in registers, forms and exports unless chosen otherwise</source>
        <translation>在台账、表单和导出文件中隐藏电话号码中间几位（138****5678），除非另行选择</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Estates served</source>
        <translation>服务的小区</translation>
    </message>
    <message>
        <source> (not in use)</source>
        <translation>（停用）</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <source>Estates, buildings and units are kept on the "Estates and buildings" tab.</source>
        <translation>小区、楼栋和房号在“小区与楼栋”页维护。</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>无徽标</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>选择徽标</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>The file is saved, but no program could be started to open it:
{path}</source>
        <translation>文件已保存，但无法自动打开，请到以下位置打开或打印：
{path}</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>Already known about this unit</source>
        <translation>该户已有的记录</translation>
    </message>
    <message>
        <source>Attach this call to the incident (F8)</source>
        <translation>登记为该事件来电 (F8)</translation>
    </message>
    <message>
        <source>Lin&amp;k as a repeat</source>
        <translation>关联为重复投诉(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Add as a further call to that case</source>
        <translation>作为补充来电记入该案件(&amp;A)</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Open incident {number}: {title} ({area}); expected end {end}.</source>
        <translation>进行中的突发事件 {number}：{title}（{area}）；预计结束 {end}。</translation>
    </message>
    <message>
        <source>, visit {t}</source>
        <translation>，约定 {t}</translation>
    </message>
    <message>
        <source>{number}  {received}  [repair: {status}{when}]  {what}</source>
        <translation>{number}  {received}  [报修：{status}{when}]  {what}</translation>
    </message>
    <message>
        <source>same category</source>
        <translation>同类</translation>
    </message>
    <message>
        <source>{number} is closed: reopen it first, or take this call as a new complaint.</source>
        <translation>{number} 已办结：请先重新处理，或把这个电话登记为新投诉。</translation>
    </message>
    <message>
        <source>Will be saved as a repeat of {number}</source>
        <translation>保存时将关联为 {number} 的重复投诉</translation>
    </message>
</context>
<context>
    <name>RepairCategoryEditor</name>
    <message>
        <source>Repair category</source>
        <translation>报修类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>N&amp;ame</source>
        <translation>名称(&amp;A)</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
</context>
<context>
    <name>RepairForm</name>
    <message>
        <source>e.g. 3栋2单元1201; empty for a public area</source>
        <translation>如 3栋2单元1201；公共区域可不填</translation>
    </message>
    <message>
        <source>Agreed with the customer:</source>
        <translation>与客户约定：</translation>
    </message>
    <message>
        <source>Paid service (有偿服务)</source>
        <translation>有偿服务</translation>
    </message>
    <message>
        <source>Save repair call  (Ctrl+S)</source>
        <translation>保存报修  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Time received</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <source>Caller &amp;phone</source>
        <translation>来电电话(&amp;P)</translation>
    </message>
    <message>
        <source>Con&amp;tact</source>
        <translation>联系人(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>房号(&amp;U)</translation>
    </message>
    <message>
        <source>Owners of the unit</source>
        <translation>该户业主</translation>
    </message>
    <message>
        <source>&amp;Where</source>
        <translation>维修地点(&amp;W)</translation>
    </message>
    <message>
        <source>What is &amp;broken</source>
        <translation>报修内容(&amp;B)</translation>
    </message>
    <message>
        <source>Ur&amp;gency</source>
        <translation>紧急程度(&amp;G)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>约定时间</translation>
    </message>
    <message>
        <source>Repair category</source>
        <translation>报修类别</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>责任部门(&amp;D)</translation>
    </message>
    <message>
        <source>The call was attached to incident {number}: no work order was raised.</source>
        <translation>来电已登记到突发事件 {number}，未另开派工单。</translation>
    </message>
    <message>
        <source>Urgent: pass it to engineering at once (by {t}).</source>
        <translation>急修：立即通知工程部（{t} 前）。</translation>
    </message>
    <message>
        <source>Pass it to a technician within 2 hours (by {t}).</source>
        <translation>一般维修：2 小时内派给维修工（{t} 前）。</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>请检查</translation>
    </message>
    <message>
        <source>Saved as {number}: hand it over by {t}.</source>
        <translation>已保存，编号 {number}：请在 {t} 前派工。</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Connect to the office's server</source>
        <translation>连接办公室的服务器</translation>
    </message>
    <message>
        <source>Ask the office's administrator for these. The password is kept in this computer account's PostgreSQL password file, not in PropDesk.</source>
        <translation>以下信息请向办公室的管理员索取。密码保存在本机当前账户的 PostgreSQL 密码文件中，不保存在 PropDesk 里。</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.10</source>
        <translation>例如 192.168.1.10</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User name on the server</source>
        <translation>服务器上的用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Office setup</source>
        <translation>服务中心设置</translation>
    </message>
    <message>
        <source>Profile (&amp;1)</source>
        <translation>基本信息 (&amp;1)</translation>
    </message>
    <message>
        <source>Staff (&amp;2)</source>
        <translation>员工与账号 (&amp;2)</translation>
    </message>
    <message>
        <source>Departments and categories (&amp;3)</source>
        <translation>部门与分类 (&amp;3)</translation>
    </message>
    <message>
        <source>Deadlines (&amp;4)</source>
        <translation>时限 (&amp;4)</translation>
    </message>
    <message>
        <source>Working calendar (&amp;5)</source>
        <translation>工作日历 (&amp;5)</translation>
    </message>
    <message>
        <source>Estates and buildings (&amp;6)</source>
        <translation>小区与楼栋 (&amp;6)</translation>
    </message>
    <message>
        <source>Price list (&amp;7)</source>
        <translation>收费标准 (&amp;7)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>StaffEditor</name>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>for signing in, e.g. wangfang</source>
        <translation>登录用，如 wangfang</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <source>Reset &amp;password...</source>
        <translation>重设密码(&amp;P)…</translation>
    </message>
    <message>
        <source>- none -</source>
        <translation>- 无 -</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>A new person signs in with this user name and password.</source>
        <translation>新人员用此用户名和密码登录。</translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation>姓名(&amp;M)</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>电话(&amp;H)</translation>
    </message>
    <message>
        <source>at least {n} characters, not a demo password</source>
        <translation>至少 {n} 个字符，不能是演示密码</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>停用账号(&amp;T)</translation>
    </message>
    <message>
        <source>Can sign in.</source>
        <translation>可以登录。</translation>
    </message>
    <message>
        <source>Deactivated: cannot sign in; still shown on old records.</source>
        <translation>已停用：不能登录；原有记录上仍显示其姓名。</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>重新启用(&amp;A)</translation>
    </message>
    <message>
        <source>Saving the password…</source>
        <translation>正在保存密码…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Deactivate {name}? They can no longer sign in; their name stays on every record.</source>
        <translation>停用{name}的账号？停用后不能再登录，其经办记录上的姓名保留。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Reset the password of {name}</source>
        <translation>重设{name}的密码</translation>
    </message>
    <message>
        <source>Tell {name} the new password: at the next sign-in they must choose their own before anything else. A wait after wrong passwords is lifted too.</source>
        <translation>请把新密码告诉{name}：下次登录时须先设置自己的密码才能做其他操作。因密码错误而须等待的限制也一并解除。</translation>
    </message>
    <message>
        <source>The password of {name} was reset.</source>
        <translation>{name}的密码已重设。</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>Everyone who signs in to PropDesk, and the technicians work orders go to. Nobody is deleted: a person who leaves is deactivated and stays on the records they made.</source>
        <translation>所有登录 PropDesk 的人员，以及接收派工单的维修工。人员不会被删除：离职人员停用账号，其经办的记录仍保留其姓名。</translation>
    </message>
</context>
<context>
    <name>StructureTab</name>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In use (units can be chosen at intake)</source>
        <translation>在用（受理时可选其房号）</translation>
    </message>
    <message>
        <source>Save the building</source>
        <translation>保存楼栋</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Buildings of the estate</source>
        <translation>小区的楼栋</translation>
    </message>
    <message>
        <source>e.g. 12栋 (a number alone gets 栋)</source>
        <translation>如 12栋（只填数字会自动加“栋”）</translation>
    </message>
    <message>
        <source>none (no 单元)</source>
        <translation>无（不分单元）</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Add these units to the selected building</source>
        <translation>把这些房号加到选中的楼栋</translation>
    </message>
    <message>
        <source>Add a building with its units</source>
        <translation>添加楼栋及其房号</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Entrances (单元)</source>
        <translation>单元数(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Floors</source>
        <translation>楼层(&amp;F)</translation>
    </message>
    <message>
        <source>A&amp;dd the building</source>
        <translation>添加楼栋(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Rooms per floor</source>
        <translation>每层户数(&amp;R)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Units of the building</source>
        <translation>楼栋的房号</translation>
    </message>
    <message>
        <source>Units are labelled as intake reads them: building, entrance, floor and room (12栋1单元101). The owner roster import adds units too.</source>
        <translation>房号按受理时的写法生成：楼栋、单元、楼层和房间（如 12栋1单元101）。导入业主名册也会添加房号。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>(building)</source>
        <translation>（楼栋）</translation>
    </message>
    <message>
        <source>{n} units: {first} ... {last}</source>
        <translation>共 {n} 户：{first} … {last}</translation>
    </message>
    <message>
        <source>{name} added with {n} units.</source>
        <translation>已添加{name}，共 {n} 户。</translation>
    </message>
    <message>
        <source>{n} units added to {name}.</source>
        <translation>已为{name}添加 {n} 户。</translation>
    </message>
    <message>
        <source>Set the unit not in use</source>
        <translation>停用此房号</translation>
    </message>
    <message>
        <source>Set the unit in use again</source>
        <translation>重新启用此房号</translation>
    </message>
</context>
<context>
    <name>WeeklyReportDialog</name>
    <message>
        <source>Weekly summary</source>
        <translation>每周统计（周报）</translation>
    </message>
    <message>
        <source>PDF for the office head (.pdf)</source>
        <translation>报管理处主任的 PDF (.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <source>Any &amp;day of the week</source>
        <translation>该周任意一天(&amp;D)</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <source>Make the report…</source>
        <translation>生成周报…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Week {year}-W{week:02d}: {start} to {end}</source>
        <translation>{year} 年第 {week:02d} 周：{start} 至 {end}</translation>
    </message>
    <message>
        <source>The weekly summary is written to
{path}

Print it now?</source>
        <translation>周报已保存到：
{path}

现在打印吗？</translation>
    </message>
    <message>
        <source>The weekly summary is written to
{path}

Open it now?</source>
        <translation>周报已保存到：
{path}

现在打开吗？</translation>
    </message>
    <message>
        <source>weekly_{year}-W{week:02d}</source>
        <translation>周报_{year}-W{week:02d}</translation>
    </message>
    <message>
        <source>Counting the week…</source>
        <translation>正在统计本周数据…</translation>
    </message>
</context>
<context>
    <name>WorkOrderTab</name>
    <message>
        <source>Repair call (报修登记)</source>
        <translation>报修登记</translation>
    </message>
</context>
<context>
    <name>WorkOrderView</name>
    <message>
        <source>Work order {number}</source>
        <translation>派工单 {number}</translation>
    </message>
    <message>
        <source>Received {t}; hand over by {p}; handed over {d}</source>
        <translation>报修 {t}；派工时限 {p}；实际派工 {d}</translation>
    </message>
    <message>
        <source>Unit {u}, {where}; contact {name} {phone}</source>
        <translation>房号 {u}，地点 {where}；联系人 {name} {phone}</translation>
    </message>
    <message>
        <source>Task: {task}</source>
        <translation>维修内容：{task}</translation>
    </message>
    <message>
        <source>Agreed time: {a} – {b}</source>
        <translation>约定时间：{a} – {b}</translation>
    </message>
    <message>
        <source>Technician: {t}, at {s}</source>
        <translation>维修工：{t}，时间 {s}</translation>
    </message>
    <message>
        <source>Fee: ¥{fee} ({paid})</source>
        <translation>费用：¥{fee}（{paid}）</translation>
    </message>
    <message>
        <source>paid service</source>
        <translation>有偿服务</translation>
    </message>
    <message>
        <source>free</source>
        <translation>无偿</translation>
    </message>
    <message>
        <source>Fee lines: {lines}</source>
        <translation>收费项目：{lines}</translation>
    </message>
    <message>
        <source>Settled: {how} {receipt}</source>
        <translation>已收费：{how} {receipt}</translation>
    </message>
    <message>
        <source>cash, receipt</source>
        <translation>现金，收据</translation>
    </message>
    <message>
        <source>monthly bill</source>
        <translation>计入物业费账单</translation>
    </message>
    <message>
        <source>Fee not settled yet.</source>
        <translation>费用尚未收取。</translation>
    </message>
    <message>
        <source>Made paid at the visit: {agreement}</source>
        <translation>上门后改为有偿：{agreement}</translation>
    </message>
    <message>
        <source>Repair category: {name}</source>
        <translation>报修类别：{name}</translation>
    </message>
    <message>
        <source>For complaint {number}</source>
        <translation>所属投诉 {number}</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>已取消：{reason}</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修工</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>维修结果</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>所用材料</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Slip</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>验收结论</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>已交回</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>Rounds of work</source>
        <translation>维修记录（每轮）</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理经过</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>This database was made by a newer PropDesk. Install the newer version to open it.</source>
        <translation>此数据库由更新版本的 PropDesk 创建，请安装新版本后再打开。</translation>
    </message>
    <message>
        <source>The database could not be opened:
{path}

Details are in the log file.</source>
        <translation>无法打开数据库：
{path}

详细信息见日志文件。</translation>
    </message>
    <message>
        <source>The database file {path} is damaged ({reason}).

To keep the damage from spreading, PropDesk saves nothing more in it. Close PropDesk and start it again: it offers to restore the latest good backup. What was saved since that backup will have to be entered again.</source>
        <translation>数据库文件 {path} 已损坏（{reason}）。

为免损坏扩散，PropDesk 不再向其中保存任何内容。请关闭 PropDesk 后重新启动：程序会提供恢复最近一份完好备份。该备份之后保存的内容需要重新录入。</translation>
    </message>
    <message>
        <source>The upgrade of the database was cancelled. The file is as it was before (a copy is kept beside it as well). PropDesk needs the upgrade to work with it: start PropDesk again when there is time to wait.</source>
        <translation>数据库升级已取消，文件保持升级前的样子（旁边另存有一份副本）。PropDesk 需要完成升级才能使用该文件，请在有时间等待时重新启动 PropDesk。</translation>
    </message>
    <message>
        <source>The upgrade of the database was cancelled. The database on the server is as it was before. PropDesk needs the upgrade to work with it: start PropDesk again when there is time to wait.</source>
        <translation>数据库升级已取消，服务器上的数据库保持升级前的样子。PropDesk 需要完成升级才能使用该数据库，请在有时间等待时重新启动 PropDesk。</translation>
    </message>
    <message>
        <source>You stopped waiting for the other desk's upgrade of the database. Nothing was changed by this desk. Start PropDesk again when the other desk has finished the upgrade.</source>
        <translation>已停止等待另一台电脑升级数据库，本机没有做任何改动。请在另一台电脑完成升级后再启动 PropDesk。</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示本帮助并退出</translation>
    </message>
    <message>
        <source>show program's version number and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s
</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下参数：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项不明确：%(option)s 可能是 %(matches)s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须给出参数 %s 之一</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>意外的选项：%s</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Exported {when} by {name}</source>
        <translation>{name} 于 {when} 导出</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Changes (old → new)</source>
        <translation>变更（原值 → 新值）</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Staff account</source>
        <translation>员工账号</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Permission</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Owner roster import</source>
        <translation>业主档案导入</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记簿</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Printed form</source>
        <translation>打印表单</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>突发事件</translation>
    </message>
    <message>
        <source>Monthly fee summary</source>
        <translation>月度收费汇总</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房屋</translation>
    </message>
    <message>
        <source>Owner or resident</source>
        <translation>业主/住户</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Complaint category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>Repair category</source>
        <translation>报修类别</translation>
    </message>
    <message>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>reply recorded</source>
        <translation>记录回复</translation>
    </message>
    <message>
        <source>handling recorded</source>
        <translation>记录处理</translation>
    </message>
    <message>
        <source>office head told</source>
        <translation>已报告主任</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>work order raised</source>
        <translation>派发工单</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>started</source>
        <translation>开始维修</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>完工</translation>
    </message>
    <message>
        <source>signed off</source>
        <translation>验收</translation>
    </message>
    <message>
        <source>sent back for rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>first visit's appointment cleared (rework)</source>
        <translation>返工：清除首次上门的约定时间</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>quote approved</source>
        <translation>批准报价</translation>
    </message>
    <message>
        <source>return slip received</source>
        <translation>收回回执</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>callback made</source>
        <translation>完成回访</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>未接通</translation>
    </message>
    <message>
        <source>callback result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>supervisor told</source>
        <translation>已告知主管</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>desk locked (idle)</source>
        <translation>前台锁定（无操作）</translation>
    </message>
    <message>
        <source>read</source>
        <translation>查阅</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>restored from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>upgraded to a new schema</source>
        <translation>升级到新的数据结构</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>backed up</source>
        <translation>已备份</translation>
    </message>
    <message>
        <source>unknown user name</source>
        <translation>未知用户名</translation>
    </message>
    <message>
        <source>sign-in refused: wait after wrong passwords</source>
        <translation>登录被拒：密码错误后须等待</translation>
    </message>
    <message>
        <source>password hash strengthened</source>
        <translation>密码散列已加强</translation>
    </message>
    <message>
        <source>password changed</source>
        <translation>已修改密码</translation>
    </message>
    <message>
        <source>password reset by an administrator</source>
        <translation>管理员已重置密码</translation>
    </message>
    <message>
        <source>password change required</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deadline clock paused</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <source>deadline clock resumed</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <source>resident's call recorded</source>
        <translation>登记来电住户</translation>
    </message>
    <message>
        <source>charge line added</source>
        <translation>添加收费明细</translation>
    </message>
    <message>
        <source>charge line voided</source>
        <translation>作废收费明细</translation>
    </message>
    <message>
        <source>payment recorded</source>
        <translation>登记收款</translation>
    </message>
    <message>
        <source>payment voided</source>
        <translation>作废收款</translation>
    </message>
    <message>
        <source>summary made</source>
        <translation>生成汇总</translation>
    </message>
    <message>
        <source>created by an import</source>
        <translation>导入时新建</translation>
    </message>
    <message>
        <source>units added</source>
        <translation>添加房屋</translation>
    </message>
    <message>
        <source>activated</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>days set</source>
        <translation>设置日期</translation>
    </message>
    <message>
        <source>days cleared</source>
        <translation>清除日期</translation>
    </message>
    <message>
        <source>holiday schedule imported</source>
        <translation>导入假日安排</translation>
    </message>
    <message>
        <source>year marked complete</source>
        <translation>标记全年已录入</translation>
    </message>
    <message>
        <source>year marked incomplete</source>
        <translation>取消全年已录入</translation>
    </message>
    <message>
        <source>defaults restored</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>backup cancelled</source>
        <translation>备份已取消</translation>
    </message>
    <message>
        <source>restore cancelled</source>
        <translation>恢复已取消</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>Reason for voiding</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Signed off by</source>
        <translation>验收人</translation>
    </message>
    <message>
        <source>Signed off at</source>
        <translation>验收时间</translation>
    </message>
    <message>
        <source>Scheduled for</source>
        <translation>安排时间</translation>
    </message>
    <message>
        <source>Agreed time from</source>
        <translation>约定时间（起）</translation>
    </message>
    <message>
        <source>Agreed time until</source>
        <translation>约定时间（止）</translation>
    </message>
    <message>
        <source>Handed over at</source>
        <translation>派工时间</translation>
    </message>
    <message>
        <source>Replied at</source>
        <translation>回复时间</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>回复方式</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Note on ending</source>
        <translation>结束说明</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Time agreed to call back</source>
        <translation>约定回访时间</translation>
    </message>
    <message>
        <source>Times reopened</source>
        <translation>重新打开次数</translation>
    </message>
    <message>
        <source>Office head told at</source>
        <translation>报告主任时间</translation>
    </message>
    <message>
        <source>Office head told by</source>
        <translation>报告人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访日期</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>完成人</translation>
    </message>
    <message>
        <source>Rework round</source>
        <translation>返工轮次</translation>
    </message>
    <message>
        <source>Return slip back</source>
        <translation>回执已收回</translation>
    </message>
    <message>
        <source>Quote approved by</source>
        <translation>报价批准人</translation>
    </message>
    <message>
        <source>Price item</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>纠正措施</translation>
    </message>
    <message>
        <source>Customer's opinion</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <source>Signature received</source>
        <translation>客户已签字</translation>
    </message>
    <message>
        <source>Clock paused since</source>
        <translation>暂停计时起</translation>
    </message>
    <message>
        <source>Times printed</source>
        <translation>打印次数</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>承诺回访日期</translation>
    </message>
    <message>
        <source>Hand over by</source>
        <translation>派工时限</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>calendar</name>
    <message>
        <source>New Year's Day</source>
        <translation>元旦</translation>
    </message>
    <message>
        <source>Spring Festival</source>
        <translation>春节</translation>
    </message>
    <message>
        <source>Tomb-sweeping Day</source>
        <translation>清明节</translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation>劳动节</translation>
    </message>
    <message>
        <source>Dragon Boat Festival</source>
        <translation>端午节</translation>
    </message>
    <message>
        <source>National Day</source>
        <translation>国庆节</translation>
    </message>
    <message>
        <source>Mid-autumn Festival</source>
        <translation>中秋节</translation>
    </message>
    <message>
        <source>Anti-Fascist 70th Day</source>
        <translation>抗战胜利70周年纪念日</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>节假日安排</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>PATH|URL</source>
        <translation>路径|URL</translation>
    </message>
    <message>
        <source>database file or URL (default: propdesk.db in the data folder; env PROPDESK_DB)</source>
        <translation>数据库文件或 URL（默认：数据文件夹中的 propdesk.db；环境变量 PROPDESK_DB）</translation>
    </message>
    <message>
        <source>language for this command only (default: the office's language)</source>
        <translation>仅本次命令使用的语言（默认：本单位的语言）</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>who signs in (password from PROPDESK_PASSWORD or asked for)</source>
        <translation>登录的用户名（密码取自 PROPDESK_PASSWORD，或询问输入）</translation>
    </message>
    <message>
        <source>PropDesk front desk: without a command, the window starts.</source>
        <translation>PropDesk 物业服务中心客服前台：不带命令时打开窗口。</translation>
    </message>
    <message>
        <source>an empty database gets the demo office</source>
        <translation>空数据库填入演示数据</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>fill the database with the demo office, no GUI</source>
        <translation>向数据库填入演示数据（不打开窗口）</translation>
    </message>
    <message>
        <source>how many complaints (default 400)</source>
        <translation>投诉数量（默认 400）</translation>
    </message>
    <message>
        <source>random seed (same seed, same office)</source>
        <translation>随机种子（种子相同，数据相同）</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>write a register to Excel (.xlsx) or PDF (.pdf)</source>
        <translation>把台账导出为 Excel（.xlsx）或 PDF（.pdf）</translation>
    </message>
    <message>
        <source>which register (the paper book it replaces)</source>
        <translation>哪本台账（complaints 客户投诉记录本，repairs 报修维修记录本，callbacks 客户回访记录本，owners 业主档案）</translation>
    </message>
    <message>
        <source>first day, e.g. 2026-11-01 (optional for owners; fees without dates: the cashier's month running)</source>
        <translation>首日，例如 2026-11-01（业主档案可不填；收费台帐不填日期时为当前收费月份）</translation>
    </message>
    <message>
        <source>last day, inclusive (optional for owners)</source>
        <translation>结束日期（含当天；业主档案可不填）</translation>
    </message>
    <message>
        <source>FILE.xlsx or FILE.pdf</source>
        <translation>文件名.xlsx 或 文件名.pdf</translation>
    </message>
    <message>
        <source>print phones as 138****5678 / in full (default: the office's setting)</source>
        <translation>电话打印为 138****5678 / 完整号码（默认：按本处设置）</translation>
    </message>
    <message>
        <source>import the owner roster from an Excel workbook</source>
        <translation>从 Excel 工作簿导入业主档案</translation>
    </message>
    <message>
        <source>Import the owner roster. Signs in first: --user, and the password in PROPDESK_PASSWORD or when asked. Units not on the register are listed and rejected unless --create-units is given.</source>
        <translation>导入业主花名册。先登录：--user 给出用户名，密码放在 PROPDESK_PASSWORD 中或按提示输入。档案中没有的房屋会列出并拒绝导入，除非加上 --create-units。</translation>
    </message>
    <message>
        <source>report what would change, save nothing</source>
        <translation>试运行：只报告将会变动的内容，不保存</translation>
    </message>
    <message>
        <source>estate of the lines that name none (default: the only estate; with several, such a line is placed only when one estate has its unit)</source>
        <translation>未写小区的行归入哪个小区（默认：唯一的小区；有多个小区时，只有一个小区有该房屋才归入）</translation>
    </message>
    <message>
        <source>create the units the roster names that are not on the register yet</source>
        <translation>新建花名册中有、档案中还没有的房屋</translation>
    </message>
    <message>
        <source>the sheet with the addresses (default: found); given once for each sheet, several sheets (one per building) are read together</source>
        <translation>含房屋地址的工作表（默认：自动查找）；每个工作表写一次，可把多个工作表（每栋一张）合并读取</translation>
    </message>
    <message>
        <source>the sheet with the names, joined to the sheet with the addresses (default: found)</source>
        <translation>姓名所在的工作表，与地址所在的工作表连接（默认：自动识别）</translation>
    </message>
    <message>
        <source>the weekly summary for the office head, as .pdf or .xlsx</source>
        <translation>给管理处主任的周报（.pdf 或 .xlsx）</translation>
    </message>
    <message>
        <source>which report: weekly (the weekly summary) or fees (the month's paid services for the cashier)</source>
        <translation>哪个报表：weekly（每周统计）或 fees（当月有偿服务费，交收款部门）</translation>
    </message>
    <message>
        <source>fees: the cashier's month, e.g. 2026-11 (to the office's cut-off day, 25 Nov unless set otherwise; default: the month now running)</source>
        <translation>fees：收费月份，例如 2026-11（截至本处设定的截止日，未设定时为 11 月 25 日；默认：当前月份）</translation>
    </message>
    <message>
        <source>ISO week, e.g. 2026-W47 (default: last week)</source>
        <translation>ISO 周，如 2026-W47（默认：上周）</translation>
    </message>
    <message>
        <source>first day of any period</source>
        <translation>任意统计期间的开始日期</translation>
    </message>
    <message>
        <source>last day, with --from</source>
        <translation>结束日期（与 --from 一起用）</translation>
    </message>
    <message>
        <source>FILE.pdf or FILE.xlsx (default: a PDF named for the week or month in your Documents folder)</source>
        <translation>文件名.pdf 或 文件名.xlsx（默认：在“文档”文件夹中生成以周或月份命名的 PDF）</translation>
    </message>
    <message>
        <source>who produced it (printed on the report; default: who signed in)</source>
        <translation>制表人（印在报表上；默认为登录者）</translation>
    </message>
    <message>
        <source>copy the database (into the backup folder by default)</source>
        <translation>备份数据库（默认放在备份文件夹）</translation>
    </message>
    <message>
        <source>where to write the copy (a file or a folder)</source>
        <translation>备份写到哪里（文件或文件夹）</translation>
    </message>
    <message>
        <source>replace the database with a backup (supervisor or administrator)</source>
        <translation>用备份替换数据库（客服主管或管理员）</translation>
    </message>
    <message>
        <source>Replace the database with a backup. The database as it was is kept in the backup folder first. A healthy database needs --user of a supervisor or administrator; the password comes from PROPDESK_PASSWORD or is asked for (--password works but shows in the process list). A damaged or missing database, which nobody can sign in to, is replaced without signing in.</source>
        <translation>用备份替换数据库。原数据库先保留在备份文件夹中。完好的数据库需要客服主管或管理员用 --user 登录；密码取自 PROPDESK_PASSWORD，或询问输入（--password 也可以，但会显示在进程列表中）。损坏或不存在的数据库无人能登录，无需登录即可替换。</translation>
    </message>
    <message>
        <source>a backup made by PropDesk (.db; on a server .dump)</source>
        <translation>PropDesk 生成的备份（.db；服务器数据库为 .dump）</translation>
    </message>
    <message>
        <source>(prefer PROPDESK_PASSWORD or the prompt)</source>
        <translation>（最好用 PROPDESK_PASSWORD 或提示输入）</translation>
    </message>
    <message>
        <source>change your own password (signed in; the new one from PROPDESK_NEW_PASSWORD or asked twice)</source>
        <translation>修改自己的密码（须登录；新密码取自 PROPDESK_NEW_PASSWORD 或提示输入两次）</translation>
    </message>
    <message>
        <source>{pages} pages sent to the printer {name}.</source>
        <translation>已向打印机 {name} 发送 {pages} 页。</translation>
    </message>
    <message>
        <source>PRINTER</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>also print the PDF: on PRINTER, else on this desk's printer or the system's default</source>
        <translation>同时打印该 PDF：打印到指定打印机，未指定时用本前台上次用的打印机或系统默认打印机</translation>
    </message>
    <message>
        <source>{done} of {total} lines written…</source>
        <translation>已写 {done} / {total} 行…</translation>
    </message>
    <message>
        <source>{done} of {total} parts done…</source>
        <translation>已完成 {done}/{total} 部分…</translation>
    </message>
    <message>
        <source>Weekly summary written: {file} (period {start} to {end}; complaints received: {n})</source>
        <translation>周报已写入：{file}（统计期间 {start} 至 {end}；收到投诉 {n} 件）</translation>
    </message>
    <message>
        <source>Monthly fee summary written: {file} (month {month}, {start} to {end}; total {total} yuan, cash {cash}, on bills {bill})</source>
        <translation>已生成月度收费汇总：{file}（{month}，{start} 至 {end}；合计 {total} 元，现金 {cash}，计入账单 {bill}）</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>The command stopped on an error PropDesk did not expect ({error}). The details are in the log file {log}.</source>
        <translation>命令因意外错误而停止（{error}）。详情见日志文件 {log}。</translation>
    </message>
    <message>
        <source>Restored from {file} into {path} (there was no database there before).</source>
        <translation>已从 {file} 恢复到 {path}（该处原先没有数据库）。</translation>
    </message>
    <message>
        <source>Password changed for {user}.</source>
        <translation>{user} 的密码已修改。</translation>
    </message>
    <message>
        <source>New password: </source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again: </source>
        <translation>再输入一次新密码：</translation>
    </message>
    <message>
        <source>Stopped: the statement running on the database server was cancelled and its changes rolled back.</source>
        <translation>已停止：数据库服务器上正在执行的语句已取消，其改动已撤销。</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>Demo office created ({office}): {estates} estates, {buildings} buildings, {units} units ({vacant} vacant), {people} owners and residents, {staff} staff; {complaints} complaints ({open} open, {overdue} of them overdue), {work_orders} work orders, {callbacks} callbacks. Demo accounts (user name/password): {accounts}; other staff password {password}.</source>
        <translation>演示数据已建好（{office}）：{estates} 个小区、{buildings} 栋楼、{units} 户（空置 {vacant} 户）、{people} 位业主/住户、{staff} 名员工；{complaints} 件投诉（未结 {open} 件，其中逾期 {overdue} 件），{work_orders} 张派工单，{callbacks} 条回访。演示账号（用户名/密码）：{accounts}；其他员工密码 {password}。</translation>
    </message>
</context>
<context>
    <name>enums</name>
    <message>
        <source>Clerk</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>客服主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修工</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>书面</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>线上</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>已回复</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新处理</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Not escalated</source>
        <translation>未升级</translation>
    </message>
    <message>
        <source>Escalated to supervisor</source>
        <translation>已升级至主管</translation>
    </message>
    <message>
        <source>Escalated to office head</source>
        <translation>已升级至管理处主任</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>In person at the desk</source>
        <translation>前台当面</translation>
    </message>
    <message>
        <source>Written notice</source>
        <translation>书面通知</translation>
    </message>
    <message>
        <source>Text / WeChat message</source>
        <translation>短信/微信</translation>
    </message>
    <message>
        <source>Repair call</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Complaint follow-up</source>
        <translation>投诉跟进</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>急修</translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已派工</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>维修中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完工</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>Rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Family member</source>
        <translation>家属</translation>
    </message>
    <message>
        <source>Public holiday</source>
        <translation>法定假日</translation>
    </message>
    <message>
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Office closed</source>
        <translation>本处休息</translation>
    </message>
    <message>
        <source>Owner not at home</source>
        <translation>业主不在家</translation>
    </message>
    <message>
        <source>No access</source>
        <translation>无法入户</translation>
    </message>
    <message>
        <source>Waiting for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Water cut</source>
        <translation>停水</translation>
    </message>
    <message>
        <source>Power cut</source>
        <translation>停电</translation>
    </message>
    <message>
        <source>Lift out of order</source>
        <translation>电梯故障</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>燃气</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Monthly bill</source>
        <translation>计入物业费账单</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Please check</source>
        <translation>请检查</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <source>PropDesk met an unexpected problem and did not finish this action. Nothing that was saved before is lost; you can go on working.

The details are in the log file:
{path}</source>
        <translation>PropDesk 遇到意外问题，这一步没有完成。之前保存的内容都不会丢失，可以继续工作。

详细信息见日志文件：
{path}</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Office name</source>
        <translation>服务中心名称</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User name on the server</source>
        <translation>服务器上的用户名</translation>
    </message>
    <message>
        <source>Office address</source>
        <translation>服务中心地址</translation>
    </message>
    <message>
        <source>Office phone</source>
        <translation>服务中心电话</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>徽标</translation>
    </message>
    <message>
        <source>Language of the office</source>
        <translation>本单位语言</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Estate name</source>
        <translation>小区名称</translation>
    </message>
    <message>
        <source>Estate address</source>
        <translation>小区地址</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Entrances</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>First floor</source>
        <translation>起始楼层</translation>
    </message>
    <message>
        <source>Last floor</source>
        <translation>结束楼层</translation>
    </message>
    <message>
        <source>Rooms per floor</source>
        <translation>每层户数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Department name</source>
        <translation>部门名称</translation>
    </message>
    <message>
        <source>Department active</source>
        <translation>部门启用</translation>
    </message>
    <message>
        <source>Category name</source>
        <translation>分类名称</translation>
    </message>
    <message>
        <source>Category active</source>
        <translation>分类启用</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Charged per</source>
        <translation>计价单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Major: reply within</source>
        <translation>重大：回复时限</translation>
    </message>
    <message>
        <source>Major: resolved within</source>
        <translation>重大：处理完毕时限</translation>
    </message>
    <message>
        <source>Important: reply within</source>
        <translation>重要：回复时限</translation>
    </message>
    <message>
        <source>Important: resolved within</source>
        <translation>重要：处理完毕时限</translation>
    </message>
    <message>
        <source>Minor: reply within</source>
        <translation>轻微：回复时限</translation>
    </message>
    <message>
        <source>Minor: resolved within</source>
        <translation>轻微：处理完毕时限</translation>
    </message>
    <message>
        <source>Invalid: reason told within</source>
        <translation>无效：告知原因时限</translation>
    </message>
    <message>
        <source>Invalid: closed within</source>
        <translation>无效：办结时限</translation>
    </message>
    <message>
        <source>Callback window</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <source>Cut-off day of the cashier's month</source>
        <translation>收费月份截止日</translation>
    </message>
    <message>
        <source>Reminder of the monthly summary from day</source>
        <translation>月度汇总提醒起始日</translation>
    </message>
    <message>
        <source>Callback attempts</source>
        <translation>回访次数上限</translation>
    </message>
    <message>
        <source>Urgent repair hand-over</source>
        <translation>急修移交时限</translation>
    </message>
    <message>
        <source>Ordinary repair hand-over</source>
        <translation>一般报修移交时限</translation>
    </message>
    <message>
        <source>Repeat-complaint window</source>
        <translation>重复投诉判定期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Kind of day</source>
        <translation>日期类型</translation>
    </message>
    <message>
        <source>Day note</source>
        <translation>日期说明</translation>
    </message>
    <message>
        <source>Schedule file</source>
        <translation>节假日安排文件</translation>
    </message>
    <message>
        <source>Year complete</source>
        <translation>该年已录入完整</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <source>Time received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Caller phone</source>
        <translation>来电电话</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>发生地点</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事情经过</translation>
    </message>
    <message>
        <source>People involved</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>Customer's request</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <source>Evidence shown</source>
        <translation>出示证据</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>投诉级别</translation>
    </message>
    <message>
        <source>Reason it is invalid</source>
        <translation>无效原因</translation>
    </message>
    <message>
        <source>Responsible department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Cause found</source>
        <translation>调查原因</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Customer's opinion</source>
        <translation>投诉人意见</translation>
    </message>
    <message>
        <source>Signed by the customer</source>
        <translation>投诉人已签字</translation>
    </message>
    <message>
        <source>Resolve by</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>回复时限</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Time agreed to call back</source>
        <translation>约定回访时间</translation>
    </message>
    <message>
        <source>Produced by</source>
        <translation>制表人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Agreed time</source>
        <translation>约定时间</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修工</translation>
    </message>
    <message>
        <source>Arrival time</source>
        <translation>到场时间</translation>
    </message>
    <message>
        <source>Finish time</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>用料</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Callback clerk</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Owner's words</source>
        <translation>业主意见</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>设置值</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再输入一次新密码</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Related complaint</source>
        <translation>关联投诉</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Valid complaint</source>
        <translation>有效投诉</translation>
    </message>
    <message>
        <source>Notice to the customer</source>
        <translation>告知客户</translation>
    </message>
    <message>
        <source>Group complaint</source>
        <translation>群体投诉</translation>
    </message>
    <message>
        <source>Paid service</source>
        <translation>有偿服务</translation>
    </message>
    <message>
        <source>Owner reached</source>
        <translation>联系上业主</translation>
    </message>
    <message>
        <source>Fee line</source>
        <translation>收费项目</translation>
    </message>
    <message>
        <source>Kind of charge</source>
        <translation>收费类别</translation>
    </message>
    <message>
        <source>Price list item</source>
        <translation>收费标准项目</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Quoted work</source>
        <translation>报价内容</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>收费日期</translation>
    </message>
    <message>
        <source>Billing month</source>
        <translation>账单月份</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Owner's agreement</source>
        <translation>业主同意付费</translation>
    </message>
    <message>
        <source>Repair category</source>
        <translation>报修类别</translation>
    </message>
    <message>
        <source>Repair category name</source>
        <translation>报修类别名称</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>统计周</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Unit (building-entrance-room)</source>
        <translation>房号（楼栋-单元-房号）</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Entrance</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Owner number (links owners to rooms)</source>
        <translation>业主编号（关联业主与房屋）</translation>
    </message>
    <message>
        <source>Room number (links owners to rooms)</source>
        <translation>房屋编号（关联业主与房屋）</translation>
    </message>
    <message>
        <source>{file}: there is no such file.</source>
        <translation>{file}：文件不存在。</translation>
    </message>
    <message>
        <source>{file} is not an Excel workbook (.xlsx). Open it in Excel or WPS, save it as .xlsx (Excel workbook) and import that file.</source>
        <translation>{file} 不是 Excel 工作簿（.xlsx）。请用 Excel 或 WPS 打开，另存为 .xlsx（Excel 工作簿）后再导入。</translation>
    </message>
    <message>
        <source>{file} is protected with a password or is an old .xls workbook. Open it in Excel or WPS, remove the password, save it as .xlsx (Excel workbook) and import that file.</source>
        <translation>{file} 设有密码，或是旧版 .xls 工作簿。请用 Excel 或 WPS 打开，取消密码，另存为 .xlsx（Excel 工作簿）后再导入。</translation>
    </message>
    <message>
        <source>{file} is too large to be an owner roster ({size} MB; at most {limit} MB).</source>
        <translation>{file} 太大，不像业主花名册（{size} MB，最多 {limit} MB）。</translation>
    </message>
    <message>
        <source>{file} was refused: {problem}. A roster saved by Excel or WPS never looks like this; save it again from Excel as .xlsx.</source>
        <translation>{file} 已拒绝导入：{problem}。Excel 或 WPS 保存的花名册不会是这样，请用 Excel 重新另存为 .xlsx。</translation>
    </message>
    <message>
        <source>it would unpack to more than {limit} MB</source>
        <translation>解压后将超过 {limit} MB</translation>
    </message>
    <message>
        <source>its part {part} is compressed {ratio} times</source>
        <translation>其中的 {part} 压缩了 {ratio} 倍</translation>
    </message>
    <message>
        <source>it holds {n} parts</source>
        <translation>其中包含 {n} 个部件</translation>
    </message>
    <message>
        <source>its part {part} declares XML entities</source>
        <translation>其中的 {part} 声明了 XML 实体</translation>
    </message>
    <message>
        <source>its sheet {sheet} has more than {limit} cells</source>
        <translation>工作表“{sheet}”超过 {limit} 个单元格</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read ({problem}). Open it in Excel or WPS, save it again as .xlsx and import that file.</source>
        <translation>{file} 已损坏，无法读取（{problem}）。请用 Excel 或 WPS 打开，重新另存为 .xlsx 后再导入。</translation>
    </message>
    <message>
        <source>{file} has no sheet named {sheet}.</source>
        <translation>{file} 中没有名为“{sheet}”的工作表。</translation>
    </message>
    <message>
        <source>No header row was found (such as 房号, 姓名, 电话). Choose the columns by hand.</source>
        <translation>没有找到表头行（如 房号、姓名、电话），请手动指定各列。</translation>
    </message>
    <message>
        <source>Choose which column holds the {label}.</source>
        <translation>请指定“{label}”在哪一列。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a unit. Write it as 3栋2单元1201 or 3-2-1201.</source>
        <translation>{label}：“{value}”不是有效的房号，请写成 3栋2单元1201 或 3-2-1201。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is a number, not a person's name. Check which column holds the names.</source>
        <translation>{label}：“{value}”是数字，不是姓名。请检查哪一列是姓名。</translation>
    </message>
    <message>
        <source>{unit} is not on the owner register. Confirm the new units to create it, or correct the line.</source>
        <translation>业主档案中没有 {unit}。如需新建，请确认新建房屋；否则请更正此行。</translation>
    </message>
    <message>
        <source>"{value}" could be {units}. Add the estate (a column 小区, or its name in front of the address) or choose the estate for the whole file.</source>
        <translation>“{value}”可能是 {units}。请注明小区（加“小区”列，或在地址前写小区名），或为整个文件选择小区。</translation>
    </message>
    <message>
        <source>"{value}" names no estate and the office has several ({estates}). Add the estate (a column 小区, or its name in front of the address) or choose the estate for the whole file.</source>
        <translation>“{value}”未写小区，而本处管理多个小区（{estates}）。请注明小区（加“小区”列，或在地址前写小区名），或为整个文件选择小区。</translation>
    </message>
    <message>
        <source>"{value}": {estate} has no building {building} (nor has {others}). Correct the building, or add it in Office setup (estates, buildings and units) first.</source>
        <translation>“{value}”：{estate}没有 {building}（{others}也没有）。请更正楼栋，或先在服务中心设置（小区、楼栋和房屋）中添加该楼栋。</translation>
    </message>
    <message>
        <source>"{value}": no estate has a building {building} ({estates}). Correct the building, or write the estate in front of the address.</source>
        <translation>“{value}”：各小区（{estates}）都没有 {building}。请更正楼栋，或在地址前写明小区。</translation>
    </message>
    <message>
        <source>{estate} has no building {building}, so {unit} is not on the owner register. Confirm the new units to create it, or correct the line.</source>
        <translation>{estate}没有 {building}，因此业主档案中没有 {unit}。如需新建，请确认新建房屋（连同楼栋）；否则请更正此行。</translation>
    </message>
    <message>
        <source>column {column}: {number} is not on the sheet {sheet}.</source>
        <translation>列{column}：工作表{sheet}中没有 {number}。</translation>
    </message>
    <message>
        <source>column {column}: {number} ({name}) has no room on the sheet {sheet}.</source>
        <translation>列{column}：{number}（{name}）在工作表{sheet}中没有房屋。</translation>
    </message>
    <message>
        <source>column {column} is empty, so {name} cannot be joined to a room of the sheet {sheet}.</source>
        <translation>列{column}为空，无法把 {name} 连接到工作表{sheet}的房屋。</translation>
    </message>
    <message>
        <source>column {column}: {number} is on the sheet {sheet} more than once with different names ({people}). Correct the sheet; neither is imported.</source>
        <translation>列{column}：{number} 在工作表{sheet}中出现不止一次而姓名不同（{people}）。请改正该表；两人都未导入。</translation>
    </message>
    <message>
        <source>column {column}: {number} ({name}) is on the sheet {sheet} more than once with different roles ({roles}). Correct the sheet.</source>
        <translation>列{column}：{number}（{name}）在工作表{sheet}中出现不止一次而身份不同（{roles}）。请改正该表。</translation>
    </message>
    <message>
        <source>column {column}: the line of {number} on the sheet {sheet} (row {rows}) was not imported; its reason is listed there.</source>
        <translation>列{column}：工作表{sheet}中 {number} 的行（第 {rows} 行）未导入，原因见该行。</translation>
    </message>
    <message>
        <source>column {column}: this line says {value}, but the sheet {sheet} (row {row}) says {other} for {number}.</source>
        <translation>列{column}：此行写的是 {value}，但工作表{sheet}（第 {row} 行）中 {number} 的是 {other}。</translation>
    </message>
    <message>
        <source>{sheet} row {row}</source>
        <translation>{sheet}第 {row} 行</translation>
    </message>
    <message>
        <source>"{value}" does not say its building, and the sheet {sheet} has no building column and is not named for a building (such as 1栋 or 阳光花园3栋). Write the building in the line, or name the sheet after its building.</source>
        <translation>“{value}”没有写明楼栋，而工作表{sheet}没有楼栋列，表名也不是楼栋（如 1栋、阳光花园3栋）。请在该行写明楼栋，或用楼栋给该工作表命名。</translation>
    </message>
    <message>
        <source>"{value}" is in building {building}, but the sheet {sheet} is named for {named}. Correct the line or the sheet's name.</source>
        <translation>“{value}”在 {building}，但工作表{sheet}的表名是 {named}。请改正该行或工作表名。</translation>
    </message>
    <message>
        <source>Sheet {sheet}, row {row}: {reason}</source>
        <translation>工作表{sheet}第 {row} 行：{reason}</translation>
    </message>
    <message>
        <source>import the owner register</source>
        <translation>导入业主档案</translation>
    </message>
    <message>
        <source>Created {created}, updated {updated}, unchanged {unchanged}, rejected {rejected}.</source>
        <translation>新增 {created} 条，更新 {updated} 条，无变化 {unchanged} 条，未导入 {rejected} 行。</translation>
    </message>
    <message>
        <source>New units created: {n}.</source>
        <translation>新建房屋 {n} 套。</translation>
    </message>
    <message>
        <source>Dry run: nothing was saved.</source>
        <translation>（试运行：未保存任何数据）</translation>
    </message>
    <message>
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
    <message>
        <source>Reading the workbook was cancelled.</source>
        <translation>已取消读取工作簿。</translation>
    </message>
    <message>
        <source>The sheets {sheets} each hold addresses. Choose the sheet to import (the sheet list, or --sheet).</source>
        <translation>工作表{sheets}都有地址。请选择要导入的工作表（“工作表”列表，或 --sheet）。</translation>
    </message>
    <message>
        <source>The sheet {sheet} names nobody, and the sheets {sheets} could each give its people. Choose the sheet of names (the names sheet list, or --owners-sheet).</source>
        <translation>工作表{sheet}中没有姓名，而工作表{sheets}都可能是它的住户表。请选择姓名所在的工作表（“姓名所在工作表”列表，或 --owners-sheet）。</translation>
    </message>
    <message>
        <source>The sheets {sheet} and {owners} could be joined by {pairs}. Choose the column that links them in the import window, or remove the other column from the workbook.</source>
        <translation>工作表{sheet}和{owners}可以按 {pairs} 连接。请在导入窗口中选择连接两表的列，或从工作簿中删去另一列。</translation>
    </message>
    <message>
        <source>The sheets {sheet} and {owners} share no owner number or room number column (such as 业主编号 or 房屋编号), so they cannot be joined.</source>
        <translation>工作表{sheet}和{owners}没有共同的业主编号或房屋编号列（如 业主编号、房屋编号），无法连接。</translation>
    </message>
    <message>
        <source>The sheet {sheet} has the same columns as the roster sheets {sheets}, but its name says it is no roster (a summary or a parking list?). Choose the sheets to import (the sheet list, or --sheet once for each sheet), or remove it from the workbook.</source>
        <translation>工作表{sheet}与花名册工作表{sheets}的列相同，但表名说明它不是花名册（汇总表或车位表？）。请选择要导入的工作表（“工作表”列表，或每个工作表写一次 --sheet），或从工作簿中删去它。</translation>
    </message>
    <message>
        <source>The sheets {sheets} each hold rooms and the sheet {owners} holds names: several sheets of rooms are not joined to a sheet of names. Choose one sheet of rooms (the sheet list, or --sheet).</source>
        <translation>工作表{sheets}都是房屋表，工作表{owners}是姓名表：多个房屋表不会与姓名表连接。请选择一个房屋表（“工作表”列表，或 --sheet）。</translation>
    </message>
    <message>
        <source>Sheet read: {sheet} (header on row {row}, {n} lines below it).</source>
        <translation>已读取工作表{sheet}（表头在第 {row} 行，其下 {n} 行）。</translation>
    </message>
    <message>
        <source>Sheets read together as one roster (the same columns), in this order: {sheets}.</source>
        <translation>以下工作表列相同，按此顺序合并为一份花名册读取：{sheets}。</translation>
    </message>
    <message>
        <source>{sheet} (header on row {row}, {n} lines)</source>
        <translation>{sheet}（表头在第 {row} 行，{n} 行）</translation>
    </message>
    <message>
        <source>Building taken from the sheet name (the sheet has no building column): {places}.</source>
        <translation>楼栋取自工作表名（该表没有楼栋列）：{places}。</translation>
    </message>
    <message>
        <source>Estate taken from the sheet name, for lines that name none: {places}.</source>
        <translation>小区取自工作表名（用于未写小区的行）：{places}。</translation>
    </message>
    <message>
        <source>The sheet {sheet} has no building column and its name is not a building (such as 1栋 or 阳光花园3栋): its lines that do not say their building are refused.</source>
        <translation>工作表{sheet}没有楼栋列，表名也不是楼栋（如 1栋、阳光花园3栋）：其中未写明楼栋的行不予导入。</translation>
    </message>
    <message>
        <source>Names, phones and roles from the sheet {owners} (header on row {row}, {n} lines), joined by {column} of {sheet} = {owners_column} of {owners}.</source>
        <translation>姓名、电话和身份取自工作表{owners}（表头在第 {row} 行，{n} 行），按{sheet}的{column}＝{owners}的{owners_column}连接。</translation>
    </message>
    <message>
        <source>{column} is on both sheets too: a line whose two sheets disagree on it is refused.</source>
        <translation>两表也都有{column}：两表在此列不一致的行不导入。</translation>
    </message>
    <message>
        <source>Sheets not read: {sheets}.</source>
        <translation>未读取的工作表：{sheets}。</translation>
    </message>
    <message>
        <source>{sheet} ({why})</source>
        <translation>{sheet}（{why}）</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>instructions</source>
        <translation>填写说明</translation>
    </message>
    <message>
        <source>no header</source>
        <translation>无表头</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>other columns than the roster sheets</source>
        <translation>列与花名册工作表不同</translation>
    </message>
    <message>
        <source>not chosen</source>
        <translation>未选择</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>No Chinese TrueType font was found, so no PDF can be made. Reinstall PropDesk (it ships resources/fonts/wqy-microhei.ttc).</source>
        <translation>找不到中文 TrueType 字体，无法生成 PDF。请重新安装 PropDesk（安装包自带 resources/fonts/wqy-microhei.ttc）。</translation>
    </message>
    <message>
        <source>No records in this period.</source>
        <translation>本期间无记录。</translation>
    </message>
    <message>
        <source>{n} records in total.</source>
        <translation>共 {n} 条记录。</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Monthly summary of paid services for the cashier</source>
        <translation>有偿服务费月度汇总表（交收款部门）</translation>
    </message>
    <message>
        <source>Month {month}: {start} to {end}</source>
        <translation>{month}：{start} 至 {end}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Customer service: ____________    Supervisor: ____________    Cashier received: ____________</source>
        <translation>客服：____________    主管审核：____________    收款部门签收：____________</translation>
    </message>
    <message>
        <source>Fees settled this month (yuan)</source>
        <translation>本月已结费用（元）</translation>
    </message>
    <message>
        <source>Cash to hand over (yuan)</source>
        <translation>应交现金（元）</translation>
    </message>
    <message>
        <source>To put on the monthly bills (yuan)</source>
        <translation>计入物业费账单（元）</translation>
    </message>
    <message>
        <source>Fees still unpaid now (orders / yuan)</source>
        <translation>目前未收费用（单数 / 元）</translation>
    </message>
    <message>
        <source>The month at a glance</source>
        <translation>本月概况</translation>
    </message>
    <message>
        <source>By service</source>
        <translation>按服务项目</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>项数</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>By payment</source>
        <translation>按收费方式</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收费方式</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>单数</translation>
    </message>
    <message>
        <source>Cash to hand over to the cashier</source>
        <translation>交收款部门的现金</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>收据张数</translation>
    </message>
    <message>
        <source>Receipt No.</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Lines to put on each unit's monthly bill</source>
        <translation>计入各户物业费账单的费用</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Order No.</source>
        <translation>派工单号</translation>
    </message>
    <message>
        <source>Service and lines</source>
        <translation>服务项目及明细</translation>
    </message>
    <message>
        <source>Voided payments (not counted)</source>
        <translation>已作废的收费记录（不计入）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The fee ledger lists payments by the day recorded; this summary counts each in its month (cash: the cashier's month it was taken in; a bill: the month of the bill). A fee put on next month's bill is in the ledger of these days and in next month's summary.</source>
        <translation>收费台帐按登记日期列出各笔收费；本汇总按各笔收费的计入月份统计（现金：收取当日所属的收费月份；计入账单：账单所属月份）。计入下月账单的费用列在本期台帐中，计入下月汇总。</translation>
    </message>
    <message>
        <source>Fee ledger {start} to {end}, payments standing</source>
        <translation>收费台帐 {start} 至 {end}（不含已作废）</translation>
    </message>
    <message>
        <source>Less: recorded in these days, counted in another month</source>
        <translation>减：本期登记、计入其他月份的</translation>
    </message>
    <message>
        <source>Add: counted in this month, recorded on other days</source>
        <translation>加：计入本月、在本期以外登记的</translation>
    </message>
    <message>
        <source>This summary's total</source>
        <translation>本汇总合计</translation>
    </message>
    <message>
        <source>Checked against the fee ledger</source>
        <translation>与收费台帐核对</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Time received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>发生地点</translation>
    </message>
    <message>
        <source>People involved</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事情经过</translation>
    </message>
    <message>
        <source>Customer's request</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <source>Evidence shown</source>
        <translation>出示证据</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Callback record</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>投诉级别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Replied at</source>
        <translation>回复时间</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Handling result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Complainant's opinion</source>
        <translation>投诉人意见</translation>
    </message>
    <message>
        <source>Handler's signature</source>
        <translation>处理人签字</translation>
    </message>
    <message>
        <source>Supervisor's check</source>
        <translation>主管核查</translation>
    </message>
    <message>
        <source>Date closed</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>Callback result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Earlier rounds (reopened)</source>
        <translation>以往各轮处理（重新打开）</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>升级情况</translation>
    </message>
    <message>
        <source>Office head told</source>
        <translation>已报告主任</translation>
    </message>
    <message>
        <source>Callback time agreed</source>
        <translation>约定回访时间</translation>
    </message>
    <message>
        <source>{to} {at} {by}</source>
        <translation>{to} {at} {by}</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未报告</translation>
    </message>
    <message>
        <source>Round {n}: cause {cause}; action {action}; result {result}; complainant's opinion {opinion}{signed}. Reopened {at}: {reason}</source>
        <translation>第 {n} 轮：原因 {cause}；措施 {action}；结果 {result}；投诉人意见 {opinion}{signed}。{at} 重新打开：{reason}</translation>
    </message>
    <message>
        <source> (signed)</source>
        <translation>（已签字）</translation>
    </message>
    <message>
        <source>{severity} (group complaint)</source>
        <translation>{severity}（群体投诉）</translation>
    </message>
    <message>
        <source>{severity} (invalid: {reason})</source>
        <translation>{severity}（无效投诉：{reason}）</translation>
    </message>
    <message>
        <source>Called back by: ____________    Date: ____________</source>
        <translation>回访人：____________    日期：____________</translation>
    </message>
    <message>
        <source>Complainant's signature: ____________    Date: ____________</source>
        <translation>投诉人签字：____________    日期：____________</translation>
    </message>
    <message>
        <source>Supervisor's signature: ____________    Date: ____________</source>
        <translation>主管签字：____________    日期：____________</translation>
    </message>
    <message>
        <source>Customer information form</source>
        <translation>客户信息登记表</translation>
    </message>
    <message>
        <source>Customer opinion handling record</source>
        <translation>客户意见处理记录表</translation>
    </message>
    <message>
        <source>Printed {date}</source>
        <translation>打印日期 {date}</translation>
    </message>
    <message>
        <source>Page {page} / {pages}</source>
        <translation>第 {page} / {pages} 页</translation>
    </message>
    <message>
        <source>□ marks a character no font here can print: {chars}</source>
        <translation>□ 表示无法打印的字符（本机字体都没有）：{chars}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a date. Write it as 2026-11-30.</source>
        <translation>{label}：“{value}”不是有效日期，请写成 2026-11-30。</translation>
    </message>
    <message>
        <source>The {register} needs a period: give a start date and an end date.</source>
        <translation>{register}需要统计期间：请填写开始日期和结束日期。</translation>
    </message>
    <message>
        <source>The period starts ({start}) after it ends ({end}).</source>
        <translation>开始日期（{start}）晚于结束日期（{end}）。</translation>
    </message>
    <message>
        <source>"{value}": the file name must end in .xlsx or .pdf.</source>
        <translation>“{value}”：文件名必须以 .xlsx 或 .pdf 结尾。</translation>
    </message>
    <message>
        <source>"{value}" is not a register. Choose one of: {names}.</source>
        <translation>“{value}”不是台账名称，请选择：{names}。</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Period: {start} to {end}</source>
        <translation>统计期间：{start} 至 {end}</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
    <message>
        <source>{period} ({note})</source>
        <translation>{period}（{note}）</translation>
    </message>
    <message>
        <source>Complaint register</source>
        <translation>客户投诉记录本</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Customer opinion</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>是否超时</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Repeat of</source>
        <translation>重复投诉（原案）</translation>
    </message>
    <message>
        <source>Repair register</source>
        <translation>报修维修记录本</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Repair category</source>
        <translation>报修类别</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Voided by {name}: {reason}</source>
        <translation>{name}作废：{reason}</translation>
    </message>
    <message>
        <source>Made paid at the visit: {agreement}</source>
        <translation>上门后改为有偿：{agreement}</translation>
    </message>
    <message>
        <source>Quote approved by {name}</source>
        <translation>报价经{name}审批</translation>
    </message>
    <message>
        <source>Fee ledger</source>
        <translation>收费台帐</translation>
    </message>
    <message>
        <source>Month counted</source>
        <translation>计入月份</translation>
    </message>
    <message>
        <source>Amount in total: {amount} yuan (voided payments are listed but not added).</source>
        <translation>合计金额：{amount} 元（已作废的收款列出，不计入合计）。</translation>
    </message>
    <message>
        <source>listed by the day recorded; a month's summary adds the lines whose month counted is that month</source>
        <translation>按登记日期排列；月度汇总按“计入月份”合计</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>报修地点</translation>
    </message>
    <message>
        <source>Repair content</source>
        <translation>报修内容</translation>
    </message>
    <message>
        <source>Repair notice</source>
        <translation>维修通知单</translation>
    </message>
    <message>
        <source>Stub (kept by customer service)</source>
        <translation>存根联（客服中心留存）</translation>
    </message>
    <message>
        <source>Notice (for the technician)</source>
        <translation>派工联（交维修工）</translation>
    </message>
    <message>
        <source>Return slip (signed by the customer, back to customer service)</source>
        <translation>回执联（客户签字后交回客服中心）</translation>
    </message>
    <message>
        <source>cut along this line</source>
        <translation>沿此线剪开</translation>
    </message>
    <message>
        <source>Free service</source>
        <translation>无偿服务</translation>
    </message>
    <message>
        <source>Paid service: ¥ ____________ (price list / approved quote)</source>
        <translation>有偿服务：¥ ____________（按收费标准/审批报价）</translation>
    </message>
    <message>
        <source>Paid service: {lines}; total ¥{total}</source>
        <translation>有偿服务：{lines}；合计 ¥{total}</translation>
    </message>
    <message>
        <source> (quote awaiting approval)</source>
        <translation>（报价待审批）</translation>
    </message>
    <message>
        <source>Printing no. {n}</source>
        <translation>第 {n} 次打印</translation>
    </message>
    <message>
        <source>□ Satisfied    □ Fairly satisfied    □ Dissatisfied</source>
        <translation>□ 满意    □ 基本满意    □ 不满意</translation>
    </message>
    <message>
        <source>Customer's signature: ____________    Date: ____________</source>
        <translation>客户签字：____________    日期：____________</translation>
    </message>
    <message>
        <source>{number} REWORK, round {round}</source>
        <translation>{number} 返工 第 {round} 轮</translation>
    </message>
    <message>
        <source>Rework (round {round}): {reason}. First job: {task}</source>
        <translation>返工（第 {round} 轮）：{reason}。原维修内容：{task}</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>派工时间</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修工</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>派工人</translation>
    </message>
    <message>
        <source>Arrival time</source>
        <translation>到场时间</translation>
    </message>
    <message>
        <source>Finish time</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>维修结果</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>用料</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Customer's opinion</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <source>Technician's signature</source>
        <translation>维修工签字</translation>
    </message>
    <message>
        <source>For complaint</source>
        <translation>所属投诉</translation>
    </message>
    <message>
        <source>Agreed time</source>
        <translation>约定时间</translation>
    </message>
    <message>
        <source>Finished at</source>
        <translation>完工时间</translation>
    </message>
    <message>
        <source>Repair result</source>
        <translation>维修结果</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>费用（元）</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>验收人</translation>
    </message>
    <message>
        <source>Complaint No.</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <source>Callback register</source>
        <translation>客户回访记录本</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>应回访日期</translation>
    </message>
    <message>
        <source>Called back at</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Case No.</source>
        <translation>事项编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>回访事项</translation>
    </message>
    <message>
        <source>How</source>
        <translation>回访方式</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>是否联系上</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按投诉类别</translation>
    </message>
    <message>
        <source>Eight-week trend</source>
        <translation>近八周趋势</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Replied on time</source>
        <translation>按时回复</translation>
    </message>
    <message>
        <source>Resolved on time</source>
        <translation>按时办结</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Complaints received (count)</source>
        <translation>受理投诉（件）</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Percent (%)</source>
        <translation>百分比（%）</translation>
    </message>
    <message>
        <source>Week (Monday)</source>
        <translation>周（周一日期）</translation>
    </message>
    <message>
        <source>The other {n} categories</source>
        <translation>其余 {n} 类</translation>
    </message>
    <message>
        <source>Customer's words</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>回访次数</translation>
    </message>
    <message>
        <source>Called back by</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Owner register</source>
        <translation>业主档案</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Entrance</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>室号</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>建筑面积（㎡）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>业主姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{n} lines written to {file}.</source>
        <translation>已写入 {n} 条记录：{file}</translation>
    </message>
    <message>
        <source>Cannot write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>the file is open in another program, or the folder may not be written to</source>
        <translation>文件正被其他程序打开，或无权写入该文件夹</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <source>No.: {number}</source>
        <translation>编号：{number}</translation>
    </message>
    <message>
        <source>{label} (continued)</source>
        <translation>{label}（续）</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Weekly summary of owners' complaints and opinions</source>
        <translation>业主投诉及意见每周统计</translation>
    </message>
    <message>
        <source>Week {start} to {end}</source>
        <translation>统计周期：{start} 至 {end}</translation>
    </message>
    <message>
        <source>Produced by {name} on {at}</source>
        <translation>制表：{name}    {at}</translation>
    </message>
    <message>
        <source>Office head's comments</source>
        <translation>管理处主任意见</translation>
    </message>
    <message>
        <source>Office head: ____________    Date: ____________</source>
        <translation>管理处主任：____________    日期：____________</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Invalid (reason told in 1 working day)</source>
        <translation>无效投诉（1 个工作日内告知原因）</translation>
    </message>
    <message>
        <source>Complaints received</source>
        <translation>受理投诉</translation>
    </message>
    <message>
        <source>of which valid</source>
        <translation>其中有效投诉</translation>
    </message>
    <message>
        <source>Repair calls and work orders</source>
        <translation>报修及派工单</translation>
    </message>
    <message>
        <source>Callbacks within 3 working days (target 100%)</source>
        <translation>3 个工作日内回访（目标 100%）</translation>
    </message>
    <message>
        <source>Satisfaction (target 90%)</source>
        <translation>满意率（目标 90%）</translation>
    </message>
    <message>
        <source>This week beside last week</source>
        <translation>本周与上周对比</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Callbacks on time</source>
        <translation>按时回访</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按受理渠道</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按责任部门</translation>
    </message>
    <message>
        <source>By building</source>
        <translation>按楼栋</translation>
    </message>
    <message>
        <source>By class, against the deadlines</source>
        <translation>按投诉级别（对照处理时限）</translation>
    </message>
    <message>
        <source>Work orders received</source>
        <translation>派工单数</translation>
    </message>
    <message>
        <source>of which repair calls / complaint follow-ups</source>
        <translation>其中报修 / 投诉跟进</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>急修</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完工</translation>
    </message>
    <message>
        <source>Median time to finish (hours)</source>
        <translation>完工时间中位数（小时）</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Handed over late</source>
        <translation>未按时派工</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Repairs and work orders</source>
        <translation>报修与派工</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Repairs by category (cancelled orders left out)</source>
        <translation>报修类别统计（不含已取消的派工单）</translation>
    </message>
    <message>
        <source>Paid-service fees settled, from the fee ledger (yuan)</source>
        <translation>有偿服务费（收费台帐，元）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Callbacks and satisfaction</source>
        <translation>回访与满意度</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>回访率</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Fairly</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Cases put on hold (complaints / work orders)</source>
        <translation>本周暂停计时的案件（投诉 / 派工单）</translation>
    </message>
    <message>
        <source>Working hours on hold: complaints</source>
        <translation>暂停的工作时间（小时）：投诉</translation>
    </message>
    <message>
        <source>Working hours on hold: work orders</source>
        <translation>暂停的工作时间（小时）：派工单</translation>
    </message>
    <message>
        <source>Still on hold at the end of the week</source>
        <translation>周末仍在暂停</translation>
    </message>
    <message>
        <source>Incidents declared</source>
        <translation>登记的突发事件</translation>
    </message>
    <message>
        <source>Calls about incidents (contacts, not complaints)</source>
        <translation>突发事件来电（计为来电，不计入投诉）</translation>
    </message>
    <message>
        <source>Further calls about open cases (not new complaints)</source>
        <translation>对未办结案件的补充来电（不计为新投诉）</translation>
    </message>
    <message>
        <source>Holds and contacts</source>
        <translation>暂停计时与来电</translation>
    </message>
    <message>
        <source>Open and overdue cases at the end of the week</source>
        <translation>本周末未办结且已超时的投诉</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Was due</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Repeat complaints (same unit and category within 30 days)</source>
        <translation>重复投诉（同一房号同类投诉 30 天内再次发生）</translation>
    </message>
    <message>
        <source>Earlier complaint</source>
        <translation>此前投诉</translation>
    </message>
    <message>
        <source>Units complaining most often</source>
        <translation>投诉最多的房号</translation>
    </message>
    <message>
        <source>Incident notice list</source>
        <translation>突发事件通知名单</translation>
    </message>
    <message>
        <source>Time of call</source>
        <translation>来电时间</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>What they said</source>
        <translation>来电内容</translation>
    </message>
    <message>
        <source>Told (who, when)</source>
        <translation>已通知（通知人、时间）</translation>
    </message>
    <message>
        <source>{number} {title} · area: {area} · started {start} · expected end {end}</source>
        <translation>{number} {title} · 影响范围：{area} · 开始 {start} · 预计结束 {end}</translation>
    </message>
    <message>
        <source>… and {n} more (all of them are in the Excel version).</source>
        <translation>……另有 {n} 条（完整名单见 Excel 版）。</translation>
    </message>
    <message>
        <source>Public areas (no unit)</source>
        <translation>公共区域（无房号）</translation>
    </message>
    <message>
        <source>No repair category</source>
        <translation>未分类</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>{label} is required.</source>
        <translation>请填写“{label}”。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码不正确。</translation>
    </message>
    <message>
        <source>Too many wrong passwords for this user name: wait {seconds} seconds, then try again.</source>
        <translation>该用户名的密码错误次数过多：请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>Your role ({role}) may not do this: {action}.</source>
        <translation>您的角色（{role}）无权{action}。</translation>
    </message>
    <message>
        <source>take a complaint</source>
        <translation>受理投诉</translation>
    </message>
    <message>
        <source>handle a complaint</source>
        <translation>处理投诉</translation>
    </message>
    <message>
        <source>void a complaint</source>
        <translation>作废投诉</translation>
    </message>
    <message>
        <source>raise a work order</source>
        <translation>开具派工单</translation>
    </message>
    <message>
        <source>record a work order's result</source>
        <translation>登记维修结果</translation>
    </message>
    <message>
        <source>sign off a work order</source>
        <translation>验收签字</translation>
    </message>
    <message>
        <source>record a payment</source>
        <translation>登记收费</translation>
    </message>
    <message>
        <source>void a payment</source>
        <translation>作废收费记录</translation>
    </message>
    <message>
        <source>make a callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>change the settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>查看操作日志</translation>
    </message>
    <message>
        <source>read the desk's records</source>
        <translation>查阅前台记录</translation>
    </message>
    <message>
        <source>export or print a register</source>
        <translation>导出或打印登记簿</translation>
    </message>
    <message>
        <source>make the weekly report</source>
        <translation>生成周报</translation>
    </message>
    <message>
        <source>import the owner roster</source>
        <translation>导入业主名册</translation>
    </message>
    <message>
        <source>back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>change your own password</source>
        <translation>修改自己的密码</translation>
    </message>
    <message>
        <source>Work order {number} is not assigned to you: a technician sees and records only their own jobs.</source>
        <translation>工单 {number} 不是派给您的：维修工只能查看和登记自己的工单。</translation>
    </message>
    <message>
        <source>Sign in first to {action}: give --user NAME; the password comes from PROPDESK_PASSWORD or is asked for.</source>
        <translation>{action}需要先登录：请用 --user 用户名；密码取自环境变量 PROPDESK_PASSWORD，或在运行时输入。</translation>
    </message>
    <message>
        <source>No password for {user}: set PROPDESK_PASSWORD (e.g. for a scheduled task) or run the command in a terminal to be asked.</source>
        <translation>没有 {user} 的密码：请设置环境变量 PROPDESK_PASSWORD（例如计划任务），或在终端中运行此命令以输入密码。</translation>
    </message>
    <message>
        <source>Nobody can sign in yet: this database has no accounts. Start PropDesk once to set up the office and its first administrator.</source>
        <translation>目前无人可以登录：此数据库中没有任何账号。请先启动一次 PropDesk，设置物业服务中心及第一位管理员。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not on the owner register. Use building-unit-room such as 3栋2单元1201, or leave it empty for a public area.</source>
        <translation>{label}：业主档案中没有“{value}”。请按“楼栋-单元-房号”填写，如 3栋2单元1201；公共区域可不填。</translation>
    </message>
    <message>
        <source>{label}: "{value}" could be {units}. Write the estate's name or the building as it is called (栋 or 幢).</source>
        <translation>{label}：“{value}”可能是 {units}，请写明小区名称或楼栋（栋或幢）。</translation>
    </message>
    <message>
        <source>{label}: give a phone number or a unit, so the customer can be called back.</source>
        <translation>{label}：请填写电话或房号，以便回复客户。</translation>
    </message>
    <message>
        <source>Complaint {number} is {status}: it cannot be changed now.</source>
        <translation>投诉 {number} {status}，不能再修改。</translation>
    </message>
    <message>
        <source>Record the reply to the customer before closing complaint {number}.</source>
        <translation>办结投诉 {number} 之前，请先登记对客户的回复。</translation>
    </message>
    <message>
        <source>Record the handling result before closing complaint {number}.</source>
        <translation>办结投诉 {number} 之前，请先登记处理结果。</translation>
    </message>
    <message>
        <source>Complaint {number} is {status}: no work order or further call can be added to it. {hint}</source>
        <translation>投诉 {number} {status}：不能再为它派工或登记来电。{hint}</translation>
    </message>
    <message>
        <source>If the customer is still not satisfied, reopen it first; a new matter is a new complaint.</source>
        <translation>客户仍不满意请先重新处理；新的问题请另登记新投诉。</translation>
    </message>
    <message>
        <source>It was voided: take a new complaint instead.</source>
        <translation>该投诉已作废：请另登记新投诉。</translation>
    </message>
    <message>
        <source>Only a closed complaint can be reopened.</source>
        <translation>只有已办结的投诉才能重新处理。</translation>
    </message>
    <message>
        <source>{number} was reopened: record a new handling round with the result and the customer's opinion before closing it again.</source>
        <translation>{number} 已重新打开：须先登记新一轮处理（处理结果和客户意见），才能再次办结。</translation>
    </message>
    <message>
        <source>{label}: the time agreed to call back has already passed.</source>
        <translation>{label}：约定的回访时间已经过去。</translation>
    </message>
    <message>
        <source>The complaint is already escalated that far.</source>
        <translation>该投诉已升级到这一级。</translation>
    </message>
    <message>
        <source>{label}: the reply cannot be before the complaint was received ({received}).</source>
        <translation>{label}：回复时间不能早于受理时间（{received}）。</translation>
    </message>
    <message>
        <source>{number} is a major or group complaint: record that the office head was told before closing it.</source>
        <translation>{number} 是重大或群体投诉：办结前请先登记已报告管理处主任。</translation>
    </message>
    <message>
        <source>{number} still has unfinished work orders ({orders}): finish or cancel them before closing.</source>
        <translation>{number} 还有未完成的派工单（{orders}）：请先完成或取消再办结。</translation>
    </message>
    <message>
        <source>Reopened {n} times: escalated to the office head automatically.</source>
        <translation>已重新处理 {n} 次：自动升级至管理处主任。</translation>
    </message>
    <message>
        <source>Only major and group complaints are reported to the office head at once.</source>
        <translation>只有重大投诉和群体投诉需要立即报告管理处主任。</translation>
    </message>
    <message>
        <source>No such complaint.</source>
        <translation>没有这条投诉。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a phone number. Enter an 11-digit mobile number (13812345678) or a landline such as 0755-12345678.</source>
        <translation>{label}：“{value}”不是有效的电话号码。请填写 11 位手机号（如 13812345678）或带区号的固定电话（如 0755-12345678）。</translation>
    </message>
    <message>
        <source>{label}: at most {max} characters (now {n}).</source>
        <translation>{label}：最多 {max} 个字（现在 {n} 个）。</translation>
    </message>
    <message>
        <source>{label}: contains characters that cannot be stored.</source>
        <translation>{label}：含有无法保存的字符。</translation>
    </message>
    <message>
        <source>{label} cannot be in the future.</source>
        <translation>{label}不能晚于现在。</translation>
    </message>
    <message>
        <source>{label}: {value} is too far in the past.</source>
        <translation>{label}：{value} 太早了。</translation>
    </message>
    <message>
        <source>{label}: choose one of the list.</source>
        <translation>{label}：请从列表中选择。</translation>
    </message>
    <message>
        <source>{label}: enter text.</source>
        <translation>{label}：请输入文字。</translation>
    </message>
    <message>
        <source>{label}: enter a date and time, such as 2026-11-24 09:30.</source>
        <translation>{label}：请输入日期和时间，如 2026-11-24 09:30。</translation>
    </message>
    <message>
        <source>{label}: answer yes or no.</source>
        <translation>{label}：请选择“是”或“否”。</translation>
    </message>
    <message>
        <source>Work order {number} is {status}: it cannot be {action} now.</source>
        <translation>派工单 {number} {status}，现在不能{action}。</translation>
    </message>
    <message>
        <source>{label}: {name} is not an active technician.</source>
        <translation>{label}：{name} 不是在岗的维修工。</translation>
    </message>
    <message>
        <source>{label}: a paid job needs a price from the price list or a quote approved by a supervisor.</source>
        <translation>{label}：有偿服务须按收费标准计价，或由主管审批报价。</translation>
    </message>
    <message>
        <source>{label}: this is a free service, the fee must be 0.</source>
        <translation>{label}：这是无偿服务，费用应为 0。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not an amount of money.</source>
        <translation>{label}：“{value}”不是有效的金额。</translation>
    </message>
    <message>
        <source>{label}: {value} is out of range: enter more than 0 and at most {max}.</source>
        <translation>{label}：{value} 超出范围，请输入大于 0 且不超过 {max} 的数。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a quantity: enter a number more than 0 and at most {max}.</source>
        <translation>{label}：“{value}”不是数量，请输入大于 0 且不超过 {max} 的数。</translation>
    </message>
    <message>
        <source>{label}: {number} is a free service. Make it paid first, noting the owner's agreement.</source>
        <translation>{label}：{number} 是无偿服务。请先改为有偿服务并注明业主同意付费。</translation>
    </message>
    <message>
        <source>{label}: the fee of {number} is settled; void the payment first to change its lines.</source>
        <translation>{label}：{number} 的费用已结清；要修改收费项目，请先作废收费记录。</translation>
    </message>
    <message>
        <source>{label}: {number} is cancelled.</source>
        <translation>{label}：{number} 已取消。</translation>
    </message>
    <message>
        <source>{label}: {number} is signed off; only a supervisor may change its fee lines.</source>
        <translation>{label}：{number} 已经主管签核，只有主管可以修改收费项目。</translation>
    </message>
    <message>
        <source>{label}: this line is not a quote awaiting approval.</source>
        <translation>{label}：这一项不是待审批的报价。</translation>
    </message>
    <message>
        <source>No such fee line.</source>
        <translation>没有这个收费项目。</translation>
    </message>
    <message>
        <source>{label}: this line is voided already.</source>
        <translation>{label}：这一项已作废。</translation>
    </message>
    <message>
        <source>{label}: this was taken as a free service; note how the owner agreed to pay before charging it.</source>
        <translation>{label}：受理时为无偿服务；收费前请注明业主如何同意付费。</translation>
    </message>
    <message>
        <source>The signed return slip (回执联) of {number} has not come back: it cannot be signed off.</source>
        <translation>派工单 {number} 的回执联尚未交回（须客户签字），不能验收。</translation>
    </message>
    <message>
        <source>{label}: the finish time is before the arrival time.</source>
        <translation>{label}：完成时间早于到场时间。</translation>
    </message>
    <message>
        <source>{label}: the agreed time ends before it starts.</source>
        <translation>{label}：约定的结束时间早于开始时间。</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>started</source>
        <translation>开工</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>登记完工</translation>
    </message>
    <message>
        <source>signed off</source>
        <translation>验收</translation>
    </message>
    <message>
        <source>sent back for rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>quoted</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>No such work order.</source>
        <translation>没有这张派工单。</translation>
    </message>
    <message>
        <source>Callback {number}: the owner is not satisfied. {words}</source>
        <translation>回访 {number}：业主不满意。{words}</translation>
    </message>
    <message>
        <source>No such callback.</source>
        <translation>没有这条回访记录。</translation>
    </message>
    <message>
        <source>Callback {number} is already {status}.</source>
        <translation>回访 {number} 已{status}。</translation>
    </message>
    <message>
        <source>{label}: a callback cannot be moved into the past.</source>
        <translation>{label}：回访不能改到过去的日期。</translation>
    </message>
    <message>
        <source>{label}: {name} does not make callbacks.</source>
        <translation>{label}：{name} 不负责回访。</translation>
    </message>
    <message>
        <source>The database is busy: another desk is saving a lot at once. Nothing was saved; please try again in a moment.</source>
        <translation>数据库正忙：另一台电脑正在大量保存。本次没有保存任何内容，请稍后再试。</translation>
    </message>
    <message>
        <source>Not saved: the disk that holds the database is full or cannot be written ({error}). Nothing was saved; what you typed is kept. Free some disk space, then save again.</source>
        <translation>未保存：存放数据库的磁盘已满或无法写入（{error}）。没有保存任何内容，您输入的内容仍然保留。请清理出磁盘空间后再保存。</translation>
    </message>
    <message>
        <source>Not saved: the database file {path} is no longer there (it was deleted, moved or replaced while PropDesk was running). Nothing was saved. Close PropDesk and start it again: it offers the latest backup.</source>
        <translation>未保存：数据库文件 {path} 已不在原处（在 PropDesk 运行期间被删除、移动或替换）。没有保存任何内容。请关闭 PropDesk 后重新启动，程序会提供最新的备份供恢复。</translation>
    </message>
    <message>
        <source>This database is on a PostgreSQL server: back it up with the server's own tools (pg_dump).</source>
        <translation>该数据库在 PostgreSQL 服务器上：请用服务器自带的工具（pg_dump）备份。</translation>
    </message>
    <message>
        <source>The backup could not be written to {folder}: the folder is read-only, missing or full. Choose another folder. ({error})</source>
        <translation>备份无法写入 {folder}：该文件夹只读、不存在或已满。请换一个文件夹。（{error}）</translation>
    </message>
    <message>
        <source>The backup copy failed its check and was not kept. The database itself may be damaged; details are in the log file.</source>
        <translation>备份副本未通过检查，没有保留。数据库本身可能已损坏，详情见日志文件。</translation>
    </message>
    <message>
        <source>{label}: {path} does not exist.</source>
        <translation>{label}：{path} 不存在。</translation>
    </message>
    <message>
        <source>{label}: {path} is not a PropDesk database.</source>
        <translation>{label}：{path} 不是 PropDesk 数据库。</translation>
    </message>
    <message>
        <source>{label}: {path} is damaged and cannot be restored.</source>
        <translation>{label}：{path} 已损坏，无法恢复。</translation>
    </message>
    <message>
        <source>{label}: {path} was made by a newer PropDesk. Install the newer version first.</source>
        <translation>{label}：{path} 由更新版本的 PropDesk 生成，请先安装更新版本。</translation>
    </message>
    <message>
        <source>The database could not be replaced: {error}. Nothing was changed.</source>
        <translation>数据库无法替换：{error}。没有做任何更改。</translation>
    </message>
    <message>
        <source>The database {path} is {status}. Restore a backup: propdesk restore FILE (the newest good one is {latest}).</source>
        <translation>数据库 {path} {status}。请恢复备份：propdesk restore 备份文件（最新的完好备份是 {latest}）。</translation>
    </message>
    <message>
        <source>Backup written: {path}</source>
        <translation>备份已写入：{path}</translation>
    </message>
    <message>
        <source>Restored from {file}. The database as it was before is kept in {aside}.</source>
        <translation>已从 {file} 恢复。恢复前的数据库保存在 {aside}。</translation>
    </message>
    <message>
        <source>Restoring needs a supervisor or administrator: give --user, and the password in PROPDESK_PASSWORD or when asked.</source>
        <translation>恢复备份需要客服主管或管理员：请用 --user 指定用户名，密码通过环境变量 PROPDESK_PASSWORD 提供或在提示时输入。</translation>
    </message>
    <message>
        <source>in good order</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>not a database</source>
        <translation>不是数据库文件</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>busy (another program holds it locked)</source>
        <translation>正忙（被其他程序锁定）</translation>
    </message>
    <message>
        <source>not readable or not writable here (permissions, a read-only folder or drive)</source>
        <translation>在此处无法读取或写入（权限不足、文件夹或磁盘只读）</translation>
    </message>
    <message>
        <source>The database {path} is {status}: {reason}. It was not changed and nothing was replaced. Close the other program or fix the folder's permissions, then try again.</source>
        <translation>数据库 {path} {status}：{reason}。数据库未作任何改动，也没有被替换。请关闭占用它的程序或修正文件夹权限后重试。</translation>
    </message>
    <message>
        <source>Wrong user name or password for the backup {file}: restoring over a damaged database signs in with an account of the backup being restored (a supervisor or administrator).</source>
        <translation>备份 {file} 的用户名或密码不正确：在损坏的数据库上恢复时，须使用所恢复备份中的账号（主管或管理员）登录。</translation>
    </message>
    <message>
        <source>The database is in good order: restoring it needs a supervisor or administrator to sign in.</source>
        <translation>数据库完好正常：恢复备份需要客服主管或管理员登录。</translation>
    </message>
    <message>
        <source>{label}: enter a whole number from {low} to {high}.</source>
        <translation>{label}：请输入 {low} 到 {high} 之间的整数。</translation>
    </message>
    <message>
        <source>{label}: the reply deadline cannot be later than the resolve deadline.</source>
        <translation>{label}：回复时限不能晚于处理完毕时限。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is already on the list.</source>
        <translation>{label}：“{value}”已在列表中。</translation>
    </message>
    <message>
        <source>{label}: {name} is still the usual department of {categories}. Choose another department for them first.</source>
        <translation>{label}：{name}仍是“{categories}”的默认责任部门，请先为这些分类另选部门。</translation>
    </message>
    <message>
        <source>{label}: at least one must stay active.</source>
        <translation>{label}：至少要保留一项启用。</translation>
    </message>
    <message>
        <source>{label}: {name} is not active.</source>
        <translation>{label}：{name}已停用。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a price. Enter an amount such as 50 or 12.50.</source>
        <translation>{label}：“{value}”不是有效的价格，请填写 50 或 12.50 这样的金额。</translation>
    </message>
    <message>
        <source>This entry no longer exists.</source>
        <translation>该条目已不存在。</translation>
    </message>
    <message>
        <source>{label}: choose a PNG or JPEG picture.</source>
        <translation>{label}：请选择 PNG 或 JPEG 格式的图片。</translation>
    </message>
    <message>
        <source>{label}: the file {name} cannot be read.</source>
        <translation>{label}：无法读取文件 {name}。</translation>
    </message>
    <message>
        <source>{label}: the picture is larger than 2 MB.</source>
        <translation>{label}：图片超过 2 MB。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a setting PropDesk knows.</source>
        <translation>{label}：“{value}”不是 PropDesk 的设置项。</translation>
    </message>
    <message>
        <source>{label}: enter 1 (yes) or 0 (no).</source>
        <translation>{label}：请输入 1（是）或 0（否）。</translation>
    </message>
    <message>
        <source>{label}: use 2 to 40 letters, digits, dots, hyphens or underscores (no spaces).</source>
        <translation>{label}：请使用 2 到 40 个英文字母、数字、点、连字符或下划线（不能有空格）。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is already taken.</source>
        <translation>{label}：“{value}”已被占用。</translation>
    </message>
    <message>
        <source>{name} is the last active administrator: make someone else an administrator first, or nobody could change the office setup.</source>
        <translation>{name}是最后一位在用的管理员：请先指定另一位管理员，否则将没有人能修改服务中心设置。</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>This person is not on the staff list.</source>
        <translation>员工名单中没有此人。</translation>
    </message>
    <message>
        <source>{label}: {estate} already has a building called {value}; units would have the same labels (such as {example}). Use a distinct name, e.g. with the estate's short name in front.</source>
        <translation>{label}：{estate}已有名为“{value}”的楼栋，房号会重名（如 {example}）。请换一个能区分的名称，例如在前面加上小区简称。</translation>
    </message>
    <message>
        <source>{label}: the last floor is below the first.</source>
        <translation>{label}：结束楼层低于起始楼层。</translation>
    </message>
    <message>
        <source>{label}: {n} units at once is too many (at most {max}); add the building in parts.</source>
        <translation>{label}：一次生成 {n} 户太多（最多 {max} 户），请分几次添加。</translation>
    </message>
    <message>
        <source>{label}: all these units exist already.</source>
        <translation>{label}：这些房号都已存在。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a week. Write it as 2026-W47.</source>
        <translation>{label}：“{value}”不是有效的周，请写成 2026-W47 的形式。</translation>
    </message>
    <message>
        <source>{label}: the period ends before it starts, or is longer than a year.</source>
        <translation>{label}：结束日期早于开始日期，或超过一年。</translation>
    </message>
    <message>
        <source>{label}: the last day is before the first.</source>
        <translation>{label}：结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>{label}: at most {max} days at once.</source>
        <translation>{label}：一次最多 {max} 天。</translation>
    </message>
    <message>
        <source>{label}: the file has no public holidays for {year}.</source>
        <translation>{label}：文件中没有 {year} 年的放假安排。</translation>
    </message>
    <message>
        <source>{label}: the file has no days in {year}.</source>
        <translation>{label}：文件中没有 {year} 年的日期。</translation>
    </message>
    <message>
        <source>{label}: {year}'s official schedule is built in; there is nothing to mark.</source>
        <translation>{label}：{year} 年的法定安排已内置，无需标记。</translation>
    </message>
    <message>
        <source>{label}: no public holidays of {year} are entered yet. Enter the State Council's schedule (or import the file) first, then mark the year complete.</source>
        <translation>{label}：{year} 年尚未录入任何法定节假日。请先录入国务院公布的安排（或导入文件），再把该年标记为完整。</translation>
    </message>
    <message>
        <source>{label}: {name} cannot be read ({reason}).</source>
        <translation>{label}：无法读取 {name}（{reason}）。</translation>
    </message>
    <message>
        <source>{label}: choose a .csv or .xlsx file.</source>
        <translation>{label}：请选择 .csv 或 .xlsx 文件。</translation>
    </message>
    <message>
        <source>{label}: the first row must name the columns kind, start, end, note (类型, 开始日期, 结束日期, 说明).</source>
        <translation>{label}：第一行须写列名：类型、开始日期、结束日期、说明（kind, start, end, note）。</translation>
    </message>
    <message>
        <source>Line {line}: "{value}" is not a kind; write holiday (放假), workday (调休上班) or closed (停业).</source>
        <translation>第 {line} 行：“{value}”不是有效的类型，请填写“放假”“调休上班”或“停业”。</translation>
    </message>
    <message>
        <source>Line {line}: "{value}" is not a date; write it as 2027-02-05.</source>
        <translation>第 {line} 行：“{value}”不是有效的日期，请按 2027-02-05 的格式填写。</translation>
    </message>
    <message>
        <source>Line {line}: the last day is before the first.</source>
        <translation>第 {line} 行：结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Line {line}: a range of more than 31 days.</source>
        <translation>第 {line} 行：日期范围超过 31 天。</translation>
    </message>
    <message>
        <source>Line {line}: {day} is a weekday; a make-up working day (调休上班) is a Saturday or Sunday.</source>
        <translation>第 {line} 行：{day} 本来就是工作日，调休上班日应是周六或周日。</translation>
    </message>
    <message>
        <source>Line {line}: {day} is already on line {other} as another kind.</source>
        <translation>第 {line} 行：{day} 已在第 {other} 行填为另一种类型。</translation>
    </message>
    <message>
        <source>Line {line}: the note is longer than 80 characters.</source>
        <translation>第 {line} 行：说明超过 80 个字。</translation>
    </message>
    <message>
        <source>{number} is already on hold.</source>
        <translation>{number} 已经暂停。</translation>
    </message>
    <message>
        <source>{number} is not on hold.</source>
        <translation>{number} 没有暂停。</translation>
    </message>
    <message>
        <source>{number} is finished: it cannot be put on hold.</source>
        <translation>{number} 已结束，不能暂停。</translation>
    </message>
    <message>
        <source>This record does not exist.</source>
        <translation>没有这条记录。</translation>
    </message>
    <message>
        <source>{label}: the hold cannot end before it started ({start}).</source>
        <translation>{label}：暂停结束时间不能早于开始时间（{start}）。</translation>
    </message>
    <message>
        <source>{reason}: {note}</source>
        <translation>{reason}：{note}</translation>
    </message>
    <message>
        <source>On hold for {hours} h {minutes} min of working time</source>
        <translation>暂停计时 {hours} 小时 {minutes} 分（按工作时间计）</translation>
    </message>
    <message>
        <source>Incident {number} is closed.</source>
        <translation>突发事件 {number} 已结束。</translation>
    </message>
    <message>
        <source>{label}: the expected end is before the start.</source>
        <translation>{label}：预计结束时间早于开始时间。</translation>
    </message>
    <message>
        <source>No such incident.</source>
        <translation>没有这个突发事件。</translation>
    </message>
    <message>
        <source>The database already holds accounts, units or complaints: the demo office (with its known passwords and made-up owners) is only put into a brand-new database. Use a new file for it, e.g. propdesk --db demo.db demo.</source>
        <translation>数据库中已有账号、房屋或投诉：演示数据（含公开的密码和虚构的业主）只能放入全新的数据库。请为它另用一个文件，例如 propdesk --db demo.db demo。</translation>
    </message>
    <message>
        <source>--print needs a PDF: write the file as FILE.pdf.</source>
        <translation>--print 只能打印 PDF：请输出为 文件.pdf。</translation>
    </message>
    <message>
        <source>No printer "{name}" on this computer. Printers: {names}.</source>
        <translation>本机没有打印机“{name}”。可用的打印机：{names}。</translation>
    </message>
    <message>
        <source>{n} line(s) of the roster were not imported (the reasons are listed above).</source>
        <translation>名册中有 {n} 行未导入（原因见上）。</translation>
    </message>
    <message>
        <source>--month is for the fees report; the weekly one takes --week.</source>
        <translation>--month 用于收费汇总（fees）；周报请用 --week。</translation>
    </message>
    <message>
        <source>No new password: set PROPDESK_NEW_PASSWORD or run the command in a terminal to be asked.</source>
        <translation>没有新密码：请设置 PROPDESK_NEW_PASSWORD，或在终端中运行此命令以便输入。</translation>
    </message>
    <message>
        <source>"My jobs" is the technicians' own list.</source>
        <translation>“我的工单”只供维修工使用。</translation>
    </message>
    <message>
        <source>The office's working calendar cannot be read, so no deadline can be worked out. Try again; if it goes on, ask the administrator (details are in the log file).</source>
        <translation>无法读取本处的工作日历，因此无法计算期限。请重试；如仍不行，请联系管理员（详情见日志文件）。</translation>
    </message>
    <message>
        <source>The database {path} could not be opened: {error}</source>
        <translation>无法打开数据库 {path}：{error}</translation>
    </message>
    <message>
        <source>There is no database at {path}. Check --db or PROPDESK_DB; to bring back a backup: propdesk restore FILE (the newest good one is {latest}).</source>
        <translation>{path} 处没有数据库。请检查 --db 或 PROPDESK_DB；如需恢复备份：propdesk restore 文件（最新的可用备份是 {latest}）。</translation>
    </message>
    <message>
        <source>PostgreSQL needs its driver, which is not installed. Install PropDesk with the postgres extra (pip install "propdesk[postgres]"), or use the installer's program, which includes it.</source>
        <translation>PostgreSQL 需要的数据库驱动未安装。请安装带 postgres 附加组件的 PropDesk（pip install "propdesk[postgres]"），或使用安装程序安装的版本（已包含驱动）。</translation>
    </message>
    <message>
        <source>The database server {server} cannot be reached: {reason}</source>
        <translation>无法连接数据库服务器 {server}：{reason}</translation>
    </message>
    <message>
        <source>The connection to the database server {server} was lost. Nothing was saved; what you typed is kept. PropDesk connects again by itself: try again in a moment.</source>
        <translation>与数据库服务器 {server} 的连接已断开。本次没有保存任何内容，已输入的内容仍保留。PropDesk 会自动重新连接，请稍后再试。</translation>
    </message>
    <message>
        <source>Keeping a copy of the database</source>
        <translation>保留一份数据库副本</translation>
    </message>
    <message>
        <source>Search index of the complaints</source>
        <translation>投诉搜索索引</translation>
    </message>
    <message>
        <source>Search index of the work orders</source>
        <translation>工单搜索索引</translation>
    </message>
    <message>
        <source>Number index of the complaints</source>
        <translation>投诉编号索引</translation>
    </message>
    <message>
        <source>Number index of the work orders</source>
        <translation>工单编号索引</translation>
    </message>
    <message>
        <source>Search index of the callbacks</source>
        <translation>回访搜索索引</translation>
    </message>
    <message>
        <source>Names by their initials</source>
        <translation>姓名拼音首字母索引</translation>
    </message>
    <message>
        <source>Index of the audit log</source>
        <translation>操作日志索引</translation>
    </message>
    <message>
        <source>Work orders sent back for rework</source>
        <translation>返工的工单</translation>
    </message>
    <message>
        <source>Bringing the database up to date</source>
        <translation>更新数据库结构</translation>
    </message>
    <message>
        <source>Upgrading the database to version {version}: {part}</source>
        <translation>正在升级数据库（第 {version} 版）：{part}</translation>
    </message>
    <message>
        <source>Another desk is upgrading the database to version {version}. PropDesk waits for it to finish and then opens the database…</source>
        <translation>另一台电脑正在升级数据库（第 {version} 版）。PropDesk 等它完成后再打开数据库…</translation>
    </message>
    <message>
        <source>{label}: a number from 1 to 65535.</source>
        <translation>{label}：请填写 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>{number} is cancelled: it cannot be changed.</source>
        <translation>{number} 已取消，不能修改。</translation>
    </message>
    <message>
        <source>{number} is completed or signed off: only a supervisor may change it.</source>
        <translation>{number} 已完工或已签核，只有主管可以修改。</translation>
    </message>
    <message>
        <source>{label}: {number} has fee lines; void them before making it a free service.</source>
        <translation>{label}：{number} 已有收费项目；改为无偿服务前请先作废这些项目。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有任何修改。</translation>
    </message>
    <message>
        <source>{label}: the reminder cannot start after the cut-off day ({cutoff}).</source>
        <translation>{label}：提醒不能晚于截止日（{cutoff}日）开始。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a month; write it as 2026-11.</source>
        <translation>{label}：“{value}”不是月份，请写成 2026-11。</translation>
    </message>
    <message>
        <source>{label}: the fee of {number} is settled already ({how}); void that payment first.</source>
        <translation>{label}：{number} 的费用已结清（{how}），请先作废该收费记录。</translation>
    </message>
    <message>
        <source>{label}: {number} has no fee to collect.</source>
        <translation>{label}：{number} 没有需要收取的费用。</translation>
    </message>
    <message>
        <source>{label}: the quote "{line}" is not approved by a supervisor yet.</source>
        <translation>{label}：报价“{line}”尚未经主管审批。</translation>
    </message>
    <message>
        <source>{label}: "{value}" is not a receipt number (letters, digits and -, at most 32).</source>
        <translation>{label}：“{value}”不是收据号（字母、数字和 -，最多 32 位）。</translation>
    </message>
    <message>
        <source>{label}: receipt {value} is already used for {number}.</source>
        <translation>{label}：收据 {value} 已用于 {number}。</translation>
    </message>
    <message>
        <source>{label}: {value} is closed or too far ahead; choose {this} or {next}.</source>
        <translation>{label}：{value} 已结账或太远，请选 {this} 或 {next}。</translation>
    </message>
    <message>
        <source>{label}: {number} has no unit, so it cannot go on a unit's bill.</source>
        <translation>{label}：{number} 没有房号，不能计入物业费账单。</translation>
    </message>
    <message>
        <source>{label}: choose an active member of staff.</source>
        <translation>{label}：请选择在职员工。</translation>
    </message>
    <message>
        <source>{label}: {number} has no payment to void.</source>
        <translation>{label}：{number} 没有可作废的收费记录。</translation>
    </message>
    <message>
        <source>{label}: use at least {min} characters.</source>
        <translation>{label}：至少使用 {min} 个字符。</translation>
    </message>
    <message>
        <source>{label}: must not be the user name.</source>
        <translation>{label}：不能与用户名相同。</translation>
    </message>
    <message>
        <source>{label}: this password is published with PropDesk's demo office; choose another.</source>
        <translation>{label}：这是 PropDesk 演示办公室公开的密码，请另选一个。</translation>
    </message>
    <message>
        <source>{label}: differs from the new password.</source>
        <translation>{label}：与新密码不一致。</translation>
    </message>
    <message>
        <source>{label}: this is not your current password.</source>
        <translation>{label}：与您当前的密码不符。</translation>
    </message>
    <message>
        <source>{label}: choose a password other than the current one.</source>
        <translation>{label}：请选择与当前密码不同的密码。</translation>
    </message>
    <message>
        <source>An administrator has reset your password: choose your own now.</source>
        <translation>管理员已重置您的密码：请现在设置您自己的密码。</translation>
    </message>
    <message>
        <source>An administrator chose your first password: choose your own now.</source>
        <translation>您的初始密码由管理员设置：请现在设置您自己的密码。</translation>
    </message>
    <message>
        <source>Your password is one of the demo office's published passwords: choose your own now.</source>
        <translation>您的密码是演示办公室公开的密码之一：请现在设置您自己的密码。</translation>
    </message>
    <message>
        <source>{user} must change the password before anything else: {why} Run: propdesk passwd --user {user}</source>
        <translation>{user} 须先修改密码才能做其他操作：{why}请运行：propdesk passwd --user {user}</translation>
    </message>
    <message>
        <source>{tool} was not found: it comes with PostgreSQL's client programs. Install them (Debian/Ubuntu: sudo apt install postgresql-client; Windows: the PostgreSQL installer, "Command Line Tools"), or put the folder that holds {tool} on PATH (or in PROPDESK_PG_BIN), then try again.</source>
        <translation>找不到 {tool}：它随 PostgreSQL 的客户端程序一起安装。请安装客户端程序（Debian/Ubuntu：sudo apt install postgresql-client；Windows：PostgreSQL 安装程序中的“Command Line Tools”），或把 {tool} 所在的文件夹加入 PATH（或写入 PROPDESK_PG_BIN），然后再试。</translation>
    </message>
    <message>
        <source>{tool} failed: {error}</source>
        <translation>{tool} 执行失败：{error}</translation>
    </message>
    <message>
        <source>{label}: {path} is not a backup of a PropDesk database on a server (a .dump file made by propdesk backup or pg_dump --format=custom).</source>
        <translation>{label}：{path} 不是服务器上 PropDesk 数据库的备份（应为 propdesk backup 或 pg_dump --format=custom 生成的 .dump 文件）。</translation>
    </message>
    <message>
        <source>Not saved: the database file {path} is damaged ({reason}). Nothing was saved, so that the damage does not spread; what you typed is kept. Close PropDesk and start it again: it offers to restore the latest good backup.</source>
        <translation>未保存：数据库文件 {path} 已损坏（{reason}）。为免损坏扩散，没有保存任何内容；您输入的内容仍保留。请关闭 PropDesk 后重新启动：程序会提供恢复最近一份完好备份。</translation>
    </message>
    <message>
        <source>Another desk has just set up this office: sign in with the administrator account made there.</source>
        <translation>另一台电脑刚刚建好了本单位：请用在那里设置的管理员账号登录。</translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <source>Complaint received</source>
        <translation>受理投诉</translation>
    </message>
    <message>
        <source>Reply to the customer</source>
        <translation>回复客户</translation>
    </message>
    <message>
        <source>Handling recorded</source>
        <translation>登记处理情况</translation>
    </message>
    <message>
        <source>Office head told</source>
        <translation>已报告主任</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新处理</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Work order raised</source>
        <translation>派工单开具</translation>
    </message>
    <message>
        <source>Further call</source>
        <translation>补充来电</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Hold ended</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <source>Refused (no permission)</source>
        <translation>被拒绝（无权限）</translation>
    </message>
    <message>
        <source>Forms printed</source>
        <translation>打印表格</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>Technician arrived</source>
        <translation>维修工到场</translation>
    </message>
    <message>
        <source>Result recorded</source>
        <translation>登记维修结果</translation>
    </message>
    <message>
        <source>Return slip back</source>
        <translation>回执联交回</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>验收</translation>
    </message>
    <message>
        <source>Sent back for rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>Quote approved</source>
        <translation>报价已审批</translation>
    </message>
    <message>
        <source>Fee line added</source>
        <translation>添加收费项目</translation>
    </message>
    <message>
        <source>Fee line voided</source>
        <translation>作废收费项目</translation>
    </message>
    <message>
        <source>Fee settled</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Payment voided</source>
        <translation>作废收费记录</translation>
    </message>
    <message>
        <source>Order changed</source>
        <translation>修改派工单</translation>
    </message>
    <message>
        <source>Notice printed</source>
        <translation>打印维修通知单</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Supervisor told</source>
        <translation>已报主管</translation>
    </message>
    <message>
        <source>Callback scheduled</source>
        <translation>安排回访</translation>
    </message>
    <message>
        <source>Callback moved</source>
        <translation>回访改期</translation>
    </message>
    <message>
        <source>Callback handed over</source>
        <translation>回访转交</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Callback made</source>
        <translation>已回访</translation>
    </message>
</context>
<context>
    <name>ui</name>
    <message>
        <source> · to supervisor</source>
        <translation> · 升级至主管</translation>
    </message>
    <message>
        <source> · to office head</source>
        <translation> · 升级至主任</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访编号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>What it was about</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（逾期）</translation>
    </message>
    <message>
        <source> · no answer</source>
        <translation> · 未接通</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事情经过</translation>
    </message>
    <message>
        <source> · group</source>
        <translation> · 群体</translation>
    </message>
    <message>
        <source> · invalid</source>
        <translation> · 无效</translation>
    </message>
    <message>
        <source> · repeat</source>
        <translation> · 重复投诉</translation>
    </message>
    <message>
        <source>On hold since {at}</source>
        <translation>{at} 起暂停</translation>
    </message>
    <message>
        <source>Closed {at}</source>
        <translation>{at} 办结</translation>
    </message>
    <message>
        <source>reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d}天{h}小时</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h}小时{m}分</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m}分钟</translation>
    </message>
    <message>
        <source>Overdue {span}</source>
        <translation>已超时 {span}</translation>
    </message>
    <message>
        <source>{span} left</source>
        <translation>剩 {span}</translation>
    </message>
    <message>
        <source>Find (&amp;Y)</source>
        <translation>查找(&amp;Y)</translation>
    </message>
    <message>
        <source>Ctrl+F: to the search box from anywhere in the list</source>
        <translation>Ctrl+F：在列表的任何位置都可跳到搜索框</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修工</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>约定时间</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source> · unpaid</source>
        <translation> · 未收</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Changes (old → new)</source>
        <translation>变更（原值 → 新值）</translation>
    </message>
    <message>
        <source>Hand over by</source>
        <translation>派工时限</translation>
    </message>
    <message>
        <source> · round {n}</source>
        <translation> · 第{n}轮</translation>
    </message>
    <message>
        <source> · on hold</source>
        <translation> · 暂停</translation>
    </message>
    <message>
        <source>¥{fee} unpaid</source>
        <translation>¥{fee} 未收</translation>
    </message>
    <message>
        <source>¥{fee} settled</source>
        <translation>¥{fee} 已收</translation>
    </message>
    <message>
        <source>paid service</source>
        <translation>有偿</translation>
    </message>
    <message>
        <source>Handed over {at}</source>
        <translation>{at} 已派工</translation>
    </message>
    <message>
        <source>Replies overdue</source>
        <translation>回复已超时</translation>
    </message>
    <message>
        <source>Replies due today</source>
        <translation>今日须回复</translation>
    </message>
    <message>
        <source>Resolutions overdue</source>
        <translation>办结已超时</translation>
    </message>
    <message>
        <source>Resolutions due today</source>
        <translation>今日须办结</translation>
    </message>
    <message>
        <source>Repairs not handed over in time</source>
        <translation>报修未按时派工</translation>
    </message>
    <message>
        <source>Repairs waiting for a technician</source>
        <translation>报修待派工</translation>
    </message>
    <message>
        <source>Callbacks overdue</source>
        <translation>回访已逾期</translation>
    </message>
    <message>
        <source>Callbacks due today</source>
        <translation>今日须回访</translation>
    </message>
    <message>
        <source>Escalated complaints</source>
        <translation>已升级投诉</translation>
    </message>
    <message>
        <source>Office head not yet told</source>
        <translation>尚未报告主任</translation>
    </message>
    <message>
        <source>Repairs to sign off</source>
        <translation>待验收维修</translation>
    </message>
    <message>
        <source>Repairs sent back for rework</source>
        <translation>返工中的维修</translation>
    </message>
    <message>
        <source>With the office head (incl. reopened twice)</source>
        <translation>已升级至管理处主任（含两次重新处理）</translation>
    </message>
    <message>
        <source>Complaints on hold</source>
        <translation>暂停计时的投诉</translation>
    </message>
    <message>
        <source>Paid-service fees not settled</source>
        <translation>有偿服务费未收</translation>
    </message>
    <message>
        <source>Quotes awaiting approval</source>
        <translation>报价待审批</translation>
    </message>
    <message>
        <source>whole estate</source>
        <translation>整个小区</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Not in use</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Read only: only an administrator may change the office setup.</source>
        <translation>只读：只有管理员可以修改服务中心设置。</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
</context>
</TS>