<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
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
        <translation>已报主管</translation>
    </message>
    <message>
        <source>Escalated to office head</source>
        <translation>已报管理处主任</translation>
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
</context>
<context>
    <name>fields</name>
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
        <source>Note</source>
        <translation>说明</translation>
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
        <source>Too many wrong passwords: the account is locked until {until}.</source>
        <translation>密码错误次数过多，账号已锁定至 {until}。</translation>
    </message>
    <message>
        <source>Your role ({role}) may not do this: {action}.</source>
        <translation>您的角色（{role}）无权{action}。</translation>
    </message>
    <message>
        <source>Password: use at least 6 characters.</source>
        <translation>密码：至少 6 个字符。</translation>
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
        <source>{label}: "{value}" is not on the owner register. Use building-unit-room such as 3栋2单元1201, or leave it empty for a public area.</source>
        <translation>{label}：业主档案中没有“{value}”。请按“楼栋-单元-房号”填写，如 3栋2单元1201；公共区域可不填。</translation>
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
        <source>Only a closed complaint can be reopened.</source>
        <translation>只有已办结的投诉才能重新处理。</translation>
    </message>
    <message>
        <source>The complaint is already escalated that far.</source>
        <translation>该投诉已升级到这一级。</translation>
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
</context>
</TS>