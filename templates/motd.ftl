<#-- /etc/motd for converged hosts: rendered with the host's variables and facts -->
${inventory_hostname} is managed by converge: local changes to managed files are reverted.
<#if group_names?seq_contains("compute")>
This compute host takes part in live migration; instances live in ${instances_dir!"/var/lib/nova/instances"}.
</#if>
System: ${facts.os_id!"unknown"} ${facts.os_version!""} (${facts.init} init)
