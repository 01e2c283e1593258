<#macro again n>${n} <@again n + 1/></#macro>
<@again 0/>
