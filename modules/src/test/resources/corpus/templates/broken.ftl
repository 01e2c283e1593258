line one
<#list items as>
${x
